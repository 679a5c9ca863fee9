package market.registry.datashare.watermark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Images and tables to mark, and the attacks of the issue: a PNG re-save, a JPEG re-encode, shuffled and deleted rows. */
public final class WatermarkFixtures {

    private WatermarkFixtures() {}

    /** A photograph-like image: shaded background, textures, shapes and sensor noise. */
    public static BufferedImage image(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double[] base = {random.nextInt(200) + 20, random.nextInt(200) + 20, random.nextInt(200) + 20};
        double fx = 0.01 + random.nextDouble() * 0.1;
        double fy = 0.01 + random.nextDouble() * 0.1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double shade = 40 * Math.sin(x * fx) * Math.cos(y * fy) + 30.0 * (x + y) / (width + height);
                int r = clamp(base[0] + shade + random.nextGaussian() * 4);
                int g = clamp(base[1] + shade * 0.8 + random.nextGaussian() * 4);
                int b = clamp(base[2] - shade * 0.5 + random.nextGaussian() * 4);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 80 + random.nextInt(170)));
            int w = 10 + random.nextInt(width / 2);
            int h = 10 + random.nextInt(height / 2);
            if (random.nextBoolean()) {
                g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
            } else {
                g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
            }
        }
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return Watermarks.writeImage(image, "png");
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static BufferedImage decode(byte[] file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The attack of a PNG re-save: decoded and written again by another writer's defaults. */
    public static byte[] resavePng(byte[] file) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(decode(file), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] reencodeJpeg(byte[] file, float quality) {
        BufferedImage decoded = decode(file);
        BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(decoded, 0, 0, null);
        return jpeg(rgb, quality);
    }

    /** Peak signal-to-noise ratio of b against a, in dB, over red, green and blue. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        double squared = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = (p >> shift & 0xFF) - (q >> shift & 0xFF);
                    squared += d * d;
                }
            }
        }
        double mse = squared / (3.0 * a.getWidth() * a.getHeight());
        return 10 * Math.log10(255 * 255 / mse);
    }

    /** A sales table: an id, text fields, integers and decimals. */
    public static String table(long seed, int rows) {
        Random random = new Random(seed);
        String[] cities = {"Seoul", "Busan", "Lyon", "Oslo", "Lima", "Pune", "Kyoto", "Perth"};
        StringBuilder csv = new StringBuilder("order_id,city,quantity,unit_price,weight_kg,note\n");
        for (int i = 0; i < rows; i++) {
            csv.append(100000 + random.nextInt(900000)).append(',')
                    .append(cities[random.nextInt(cities.length)]).append(',')
                    .append(1 + random.nextInt(500)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", random.nextDouble() * 1000)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 50)).append(',')
                    .append(random.nextInt(4) == 0 ? "\"fragile, handle with care\"" : "standard").append('\n');
        }
        return csv.toString();
    }

    /** The rows in another order with {@code deleted} of them gone. */
    public static byte[] shuffleAndDelete(byte[] csv, double deleted, long seed) {
        CsvTable table = CsvTable.parse(new String(csv, StandardCharsets.UTF_8));
        List<List<String>> rows = new ArrayList<>(table.rows());
        Collections.shuffle(rows, new Random(seed));
        List<List<String>> kept = rows.subList(0, (int) Math.round(rows.size() * (1 - deleted)));
        return new CsvTable(table.header(), kept, table.lineEnding()).write().getBytes(StandardCharsets.UTF_8);
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
