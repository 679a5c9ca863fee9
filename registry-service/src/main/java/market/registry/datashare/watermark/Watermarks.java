package market.registry.datashare.watermark;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Embeds the DataShare mark ({@code <provider DID>_<productID>}) in a file and finds it again.
 * The format is told by the content: PNG and JPEG images ({@link ImageWatermark}), anything else
 * that is UTF-8 text as a CSV table ({@link TableWatermark}). {@code blind} hides the mark under
 * the provider's key; {@code visible} shows it (tiled text, or a {@code watermark} column) and
 * hides it as well where the file is large enough, so {@link #extract} can name it. A marked
 * image keeps its format (JPEG at quality {@value #JPEG_QUALITY}).
 */
public final class Watermarks {

    public enum Kind { VISIBLE, BLIND }

    /** A provider's watermark key and the marks it embedded, the candidates when reading a file. */
    public record ProviderMarks(WatermarkKey key, List<String> marks) {}

    static final float JPEG_QUALITY = 0.92f;
    static final long MAX_PIXELS = 16_000_000L;

    private Watermarks() {}

    public static byte[] embed(byte[] file, Kind kind, WatermarkKey key, String mark) {
        String format = imageFormat(file);
        if (format != null) {
            BufferedImage image = readImage(file);
            BufferedImage marked = image;
            if (kind == Kind.VISIBLE) {
                marked = ImageWatermark.embedVisible(marked, mark);
            } else if (!ImageWatermark.fitsBlind(image)) {
                throw new WatermarkException("the image is too small for a blind watermark: it needs 128×128 pixels");
            }
            if (ImageWatermark.fitsBlind(marked)) {
                marked = ImageWatermark.embedBlind(marked, key, mark);
            }
            return writeImage(marked, format);
        }
        CsvTable table = readTable(file);
        CsvTable marked = table;
        int markable = TableWatermark.markableFields(table, key);
        if (kind == Kind.BLIND && markable < TableWatermark.MIN_MARKED) {
            throw new WatermarkException("the table has " + markable + " numeric fields to carry a blind watermark; it needs "
                    + TableWatermark.MIN_MARKED + " (more rows or numeric columns)");
        }
        if (markable >= TableWatermark.MIN_MARKED) {
            marked = TableWatermark.embedBlind(marked, key, mark);
        }
        if (kind == Kind.VISIBLE) {
            marked = TableWatermark.embedVisible(marked, mark);
        }
        return marked.write().getBytes(StandardCharsets.UTF_8);
    }

    /** The mark a file carries, among the candidates' marks, or empty. */
    public static Optional<String> extract(byte[] file, List<ProviderMarks> candidates) {
        if (imageFormat(file) != null) {
            BufferedImage image = readImage(file);
            for (ProviderMarks provider : candidates) {
                MarkReading reading = ImageWatermark.read(image, provider.key());
                Optional<String> found = match(reading, provider);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        CsvTable table = readTable(file);
        for (ProviderMarks provider : candidates) {
            Optional<String> found = match(TableWatermark.read(table, provider.key()), provider);
            if (found.isPresent()) {
                return found;
            }
        }
        String visible = TableWatermark.visibleMark(table);
        return candidates.stream().filter(p -> visible != null && p.marks().contains(visible)).findFirst().map(p -> visible);
    }

    private static Optional<String> match(MarkReading reading, ProviderMarks provider) {
        return provider.marks().stream().filter(mark -> reading.matches(provider.key().code(mark))).findFirst();
    }

    /** "png", "jpeg" or null, from the file's first bytes. */
    static String imageFormat(byte[] file) {
        if (file.length >= 8 && (file[0] & 0xFF) == 0x89 && file[1] == 'P' && file[2] == 'N' && file[3] == 'G') {
            return "png";
        }
        if (file.length >= 3 && (file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xD8 && (file[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        return null;
    }

    private static BufferedImage readImage(byte[] file) {
        // memory-cached streams: ImageIO's default caches image bytes in temporary files
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new WatermarkException("the image cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new WatermarkException("the image has " + pixels + " pixels, more than " + MAX_PIXELS);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof WatermarkException w) {
                throw w;
            }
            throw new WatermarkException("the image cannot be read");
        }
    }

    static byte[] writeImage(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (format.equals("png")) {
                try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                    ImageIO.write(image, "png", stream);
                }
                return out.toByteArray();
            }
            BufferedImage rgb = image;
            if (image.getColorModel().hasAlpha()) {
                rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgb.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing an image in memory failed", e);
        }
    }

    private static CsvTable readTable(byte[] file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw new WatermarkException("the file is neither a PNG or JPEG image nor a UTF-8 CSV table");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            return CsvTable.parse(text);
        } catch (IllegalArgumentException e) {
            throw new WatermarkException("the CSV table cannot be read: " + e.getMessage());
        }
    }
}
