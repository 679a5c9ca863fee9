package market.registry.datashare.watermark;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Marks for images. Blind: the 96-bit code of the mark goes into the luminance of the image by
 * dither modulation (quantisation index modulation) of four mid-frequency coefficients of every
 * 8×8 DCT block, the block grid of JPEG. Under the provider's key, each coefficient ("slot") is
 * given a code bit, by a keyed permutation, and a dither in [0, Δ); it is moved to the nearest
 * point of the lattice Δℤ + dither (bit 0) or Δℤ + dither + Δ/2 (bit 1). Δ = {@value #STEP} is
 * four times what JPEG quality 75 rounds those coefficients by, so a re-encode moves a
 * coefficient less than a quarter step, and reading takes the nearer lattice, summed over all
 * slots of a bit. The change to each pixel's red, green and blue is the same, so hue is kept.
 * Visible: the mark as tiled, rotated, semi-transparent text.
 */
final class ImageWatermark {

    static final double STEP = 28;
    /** Image rows and columns of 8×8 blocks needed for a blind mark: 16 × 16 blocks, 1024 slots. */
    static final int MIN_BLOCKS = 256;
    private static final int[][] COEFFICIENTS = {{1, 2}, {2, 1}, {0, 3}, {3, 0}};

    private ImageWatermark() {}

    static boolean fitsBlind(BufferedImage image) {
        return (image.getWidth() / 8) * (image.getHeight() / 8) >= MIN_BLOCKS;
    }

    /** The image with the code of {@code mark} embedded; the input is not changed. */
    static BufferedImage embedBlind(BufferedImage image, WatermarkKey key, String mark) {
        boolean[] code = key.code(mark);
        BufferedImage out = copy(image);
        int blocksX = out.getWidth() / 8;
        int blocksY = out.getHeight() / 8;
        Slots slots = new Slots(key, blocksX * blocksY);
        double[][] luma = new double[8][8];
        for (int b = 0; b < blocksX * blocksY; b++) {
            int x0 = (b % blocksX) * 8;
            int y0 = (b / blocksX) * 8;
            readLuma(out, x0, y0, luma);
            double[][] c = Dct8.forward(luma);
            for (int k = 0; k < COEFFICIENTS.length; k++) {
                int slot = b * COEFFICIENTS.length + k;
                int[] uv = COEFFICIENTS[k];
                c[uv[0]][uv[1]] = quantise(c[uv[0]][uv[1]], slots.dither(slot), code[slots.bit(slot)]);
            }
            double[][] marked = Dct8.inverse(c);
            addLuma(out, x0, y0, luma, marked);
        }
        return out;
    }

    /** The votes for each code bit under {@code key}. */
    static MarkReading read(BufferedImage image, WatermarkKey key) {
        MarkReading reading = new MarkReading();
        int blocksX = image.getWidth() / 8;
        int blocksY = image.getHeight() / 8;
        if (blocksX * blocksY < MIN_BLOCKS) {
            return reading;
        }
        Slots slots = new Slots(key, blocksX * blocksY);
        double[][] luma = new double[8][8];
        for (int b = 0; b < blocksX * blocksY; b++) {
            readLuma(image, (b % blocksX) * 8, (b / blocksX) * 8, luma);
            double[][] c = Dct8.forward(luma);
            for (int k = 0; k < COEFFICIENTS.length; k++) {
                int slot = b * COEFFICIENTS.length + k;
                int[] uv = COEFFICIENTS[k];
                double phase = (c[uv[0]][uv[1]] - slots.dither(slot)) / STEP;
                // +1 at the bit-0 lattice, -1 half a step away at the bit-1 lattice
                reading.vote(slots.bit(slot), -Math.cos(2 * Math.PI * phase));
            }
        }
        return reading;
    }

    static BufferedImage embedVisible(BufferedImage image, String mark) {
        BufferedImage out = copy(image);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = Math.max(10, Math.min(out.getWidth(), out.getHeight()) / 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.3f));
            int textWidth = g.getFontMetrics().stringWidth(mark);
            AffineTransform straight = g.getTransform();
            g.rotate(-Math.PI / 6, out.getWidth() / 2.0, out.getHeight() / 2.0);
            int reach = out.getWidth() + out.getHeight();
            int row = 0;
            for (int y = -reach / 2; y < out.getHeight() + reach / 2; y += size * 4, row++) {
                for (int x = -reach / 2 + (row % 2) * textWidth / 2; x < out.getWidth() + reach / 2; x += textWidth + size * 2) {
                    g.setColor(Color.WHITE);
                    g.drawString(mark, x + 1, y + 1);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(mark, x, y);
                }
            }
            g.setTransform(straight);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static double quantise(double value, double dither, boolean bit) {
        double offset = dither + (bit ? STEP / 2 : 0);
        return Math.round((value - offset) / STEP) * STEP + offset;
    }

    private static void readLuma(BufferedImage image, int x0, int y0, double[][] luma) {
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int rgb = image.getRGB(x0 + x, y0 + y);
                luma[y][x] = 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
            }
        }
    }

    /** Adds the change in luminance to red, green and blue alike (their weights sum to 1). */
    private static void addLuma(BufferedImage image, int x0, int y0, double[][] before, double[][] after) {
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int argb = image.getRGB(x0 + x, y0 + y);
                double delta = after[y][x] - before[y][x];
                int r = clamp((argb >> 16 & 0xFF) + delta);
                int g = clamp((argb >> 8 & 0xFF) + delta);
                int b = clamp((argb & 0xFF) + delta);
                image.setRGB(x0 + x, y0 + y, argb & 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static BufferedImage copy(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Under the key: which code bit each slot carries (a keyed permutation) and its dither. */
    private static final class Slots {
        private final int[] bits;
        private final double[] dithers;

        Slots(WatermarkKey key, int blocks) {
            int count = blocks * COEFFICIENTS.length;
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            KeyedStream shuffle = key.stream("image-slots", count);
            for (int i = count - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            bits = new int[count];
            for (int i = 0; i < count; i++) {
                bits[order[i]] = i % WatermarkKey.CODE_BITS;
            }
            dithers = new double[count];
            KeyedStream dither = key.stream("image-dithers", count);
            for (int i = 0; i < count; i++) {
                dithers[i] = dither.nextDouble() * STEP;
            }
        }

        int bit(int slot) {
            return bits[slot];
        }

        double dither(int slot) {
            return dithers[slot];
        }
    }
}
