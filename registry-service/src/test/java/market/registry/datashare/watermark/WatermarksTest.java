package market.registry.datashare.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import market.registry.datashare.watermark.Watermarks.Kind;
import market.registry.datashare.watermark.Watermarks.ProviderMarks;
import org.junit.jupiter.api.Test;

/** Marks put in images and tables, found again after the attacks of the issue, and never found where none was put. */
class WatermarksTest {

    private static final String MARK = "did:ethr:0x1f2e3d4c5b6a79880716253443526170f1e2d3c4_product2";
    private static final String OTHER_PRODUCT = "did:ethr:0x1f2e3d4c5b6a79880716253443526170f1e2d3c4_product3";
    private static final WatermarkKey KEY = WatermarkKey.generate();
    private static final List<ProviderMarks> CANDIDATES = List.of(
            new ProviderMarks(WatermarkKey.generate(), List.of("did:ethr:0x00000000000000000000000000000000000000aa_p1")),
            new ProviderMarks(KEY, List.of(OTHER_PRODUCT, MARK)));

    @Test
    void aBlindMarkInAPngSurvivesAResaveAndAJpegReencodeAtQuality75() {
        for (long seed = 1; seed <= 4; seed++) {
            BufferedImage original = WatermarkFixtures.image(seed, 256 + 64 * (int) seed, 200 + 40 * (int) seed);
            byte[] marked = Watermarks.embed(WatermarkFixtures.png(original), Kind.BLIND, KEY, MARK);

            assertThat(Watermarks.imageFormat(marked)).isEqualTo("png");
            assertThat(Watermarks.extract(marked, CANDIDATES)).as("seed %d", seed).contains(MARK);
            assertThat(Watermarks.extract(WatermarkFixtures.resavePng(marked), CANDIDATES)).as("seed %d re-saved", seed).contains(MARK);
            assertThat(Watermarks.extract(WatermarkFixtures.reencodeJpeg(marked, 0.75f), CANDIDATES)).as("seed %d as JPEG 75", seed).contains(MARK);
            assertThat(WatermarkFixtures.psnr(original, WatermarkFixtures.decode(marked))).as("seed %d PSNR", seed).isGreaterThan(36);
        }
    }

    @Test
    void aBlindMarkInAJpegSurvivesAReencodeAtQuality75() {
        BufferedImage original = WatermarkFixtures.image(11, 640, 480);
        byte[] marked = Watermarks.embed(WatermarkFixtures.jpeg(original, 0.9f), Kind.BLIND, KEY, MARK);

        assertThat(Watermarks.imageFormat(marked)).isEqualTo("jpeg");
        assertThat(Watermarks.extract(marked, CANDIDATES)).contains(MARK);
        assertThat(Watermarks.extract(WatermarkFixtures.reencodeJpeg(marked, 0.75f), CANDIDATES)).contains(MARK);
        assertThat(Watermarks.extract(WatermarkFixtures.resavePng(WatermarkFixtures.reencodeJpeg(marked, 0.75f)), CANDIDATES)).contains(MARK);
    }

    @Test
    void aVisibleMarkOnAnImageShowsAndIsNamedByExtraction() {
        BufferedImage original = WatermarkFixtures.image(21, 400, 300);
        byte[] marked = Watermarks.embed(WatermarkFixtures.png(original), Kind.VISIBLE, KEY, MARK);
        BufferedImage shown = WatermarkFixtures.decode(marked);

        assertThat(changedPixels(original, shown, 24)).as("pixels the text changed visibly").isGreaterThan(400 * 300 / 50);
        assertThat(Watermarks.extract(marked, CANDIDATES)).contains(MARK);
        assertThat(Watermarks.extract(WatermarkFixtures.reencodeJpeg(marked, 0.75f), CANDIDATES)).contains(MARK);
    }

    @Test
    void markingAndExtractingAnImageNeverUsesImageIosFileCache(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws Exception {
        byte[] pngIn = WatermarkFixtures.png(WatermarkFixtures.image(41, 320, 240));
        byte[] jpegIn = WatermarkFixtures.jpeg(WatermarkFixtures.image(42, 320, 240), 0.9f);
        java.io.File before = javax.imageio.ImageIO.getCacheDirectory();
        boolean cached = javax.imageio.ImageIO.getUseCache();
        // ImageIO's file cache (temporary copies of the image bytes) pointed at a folder that is then
        // removed: a stream that caches on disk fails to open, one that caches in memory works
        java.nio.file.Path cache = java.nio.file.Files.createDirectory(home.resolve("cache"));
        javax.imageio.ImageIO.setCacheDirectory(cache.toFile());
        javax.imageio.ImageIO.setUseCache(true);
        java.nio.file.Files.delete(cache);
        try {
            byte[] png = Watermarks.embed(pngIn, Kind.BLIND, KEY, MARK);
            byte[] jpeg = Watermarks.embed(jpegIn, Kind.VISIBLE, KEY, MARK);
            assertThat(Watermarks.imageFormat(jpeg)).isEqualTo("jpeg");
            assertThat(Watermarks.extract(png, CANDIDATES)).contains(MARK);
            assertThat(Watermarks.extract(jpeg, CANDIDATES)).contains(MARK);
        } finally {
            javax.imageio.ImageIO.setUseCache(cached);
            javax.imageio.ImageIO.setCacheDirectory(before);
        }
    }

    @Test
    void aMarkIsNotFoundWithoutItsKey() {
        byte[] marked = Watermarks.embed(WatermarkFixtures.png(WatermarkFixtures.image(31, 320, 240)), Kind.BLIND, KEY, MARK);

        assertThat(Watermarks.extract(marked, List.of(new ProviderMarks(WatermarkKey.generate(), List.of(MARK))))).isEmpty();
    }

    @Test
    void aBlindMarkInATableSurvivesShuffledRowsAnd20PercentDeleted() {
        for (long seed = 1; seed <= 4; seed++) {
            byte[] original = WatermarkFixtures.table(seed, 600 + 200 * (int) seed).getBytes(StandardCharsets.UTF_8);
            byte[] marked = Watermarks.embed(original, Kind.BLIND, KEY, MARK);

            assertThat(new String(marked, StandardCharsets.UTF_8)).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
            assertThat(CsvTable.parse(new String(marked, StandardCharsets.UTF_8)).header())
                    .isEqualTo(CsvTable.parse(new String(original, StandardCharsets.UTF_8)).header());
            assertThat(Watermarks.extract(marked, CANDIDATES)).as("seed %d", seed).contains(MARK);
            assertThat(Watermarks.extract(WatermarkFixtures.shuffleAndDelete(marked, 0.2, seed), CANDIDATES))
                    .as("seed %d shuffled, 20%% deleted", seed).contains(MARK);
        }
    }

    @Test
    void blindMarkingMovesOnlyTheLastDigitOfNumbers() {
        String original = WatermarkFixtures.table(41, 800);
        CsvTable before = CsvTable.parse(original);
        CsvTable after = CsvTable.parse(new String(Watermarks.embed(original.getBytes(StandardCharsets.UTF_8), Kind.BLIND, KEY, MARK),
                StandardCharsets.UTF_8));
        int changed = 0;
        for (int r = 0; r < before.rows().size(); r++) {
            for (int c = 0; c < before.header().size(); c++) {
                String a = before.rows().get(r).get(c);
                String b = after.rows().get(r).get(c);
                if (!a.equals(b)) {
                    changed++;
                    assertThat(c).as("column").isIn(2, 3, 4);
                    assertThat(b).hasSameSizeAs(a);
                    assertThat(b.substring(0, b.length() - 1)).isEqualTo(a.substring(0, a.length() - 1));
                    assertThat(Math.abs(b.charAt(b.length() - 1) - a.charAt(a.length() - 1))).isEqualTo(1);
                }
            }
        }
        assertThat(changed).isBetween(800 * 3 / 8, 800 * 3 / 2);
    }

    @Test
    void aVisibleMarkInATableIsAWatermarkColumn() {
        byte[] marked = Watermarks.embed(WatermarkFixtures.table(51, 50).getBytes(StandardCharsets.UTF_8), Kind.VISIBLE, KEY, MARK);
        CsvTable table = CsvTable.parse(new String(marked, StandardCharsets.UTF_8));

        assertThat(table.header()).last().isEqualTo("watermark");
        assertThat(table.rows()).allSatisfy(row -> assertThat(row).last().isEqualTo(MARK));
        assertThat(Watermarks.extract(marked, CANDIDATES)).contains(MARK);
        assertThat(Watermarks.extract(marked, List.of(new ProviderMarks(KEY, List.of(OTHER_PRODUCT))))).isEmpty();
    }

    @Test
    void aVisibleMarkOnALargeTableIsHiddenTooAndOutlivesItsColumn() {
        byte[] marked = Watermarks.embed(WatermarkFixtures.table(52, 800).getBytes(StandardCharsets.UTF_8), Kind.VISIBLE, KEY, MARK);
        CsvTable table = CsvTable.parse(new String(marked, StandardCharsets.UTF_8));
        int column = table.header().indexOf("watermark");
        List<List<String>> rows = table.rows().stream().map(row -> {
            List<String> kept = new java.util.ArrayList<>(row);
            kept.remove(column);
            return kept;
        }).toList();
        List<String> header = new java.util.ArrayList<>(table.header());
        header.remove(column);
        byte[] stripped = new CsvTable(header, rows, table.lineEnding()).write().getBytes(StandardCharsets.UTF_8);

        assertThat(Watermarks.extract(stripped, CANDIDATES)).contains(MARK);
        assertThat(Watermarks.extract(WatermarkFixtures.shuffleAndDelete(stripped, 0.2, 52), CANDIDATES)).contains(MARK);
    }

    @Test
    void noMarkIsFoundInAHundredUnmarkedImages() {
        for (long seed = 1000; seed < 1100; seed++) {
            BufferedImage image = WatermarkFixtures.image(seed, 128 + (int) (seed % 5) * 48, 128 + (int) (seed % 3) * 64);
            byte[] file = seed % 2 == 0 ? WatermarkFixtures.png(image) : WatermarkFixtures.jpeg(image, 0.75f);
            assertThat(Watermarks.extract(file, CANDIDATES)).as("image %d", seed).isEmpty();
        }
    }

    @Test
    void noMarkIsFoundInAHundredUnmarkedTables() {
        for (long seed = 1000; seed < 1100; seed++) {
            byte[] table = WatermarkFixtures.table(seed, 400 + (int) (seed % 7) * 100).getBytes(StandardCharsets.UTF_8);
            assertThat(Watermarks.extract(table, CANDIDATES)).as("table %d", seed).isEmpty();
        }
    }

    @Test
    void refusesFilesTooSmallOrUnreadable() {
        assertThatThrownBy(() -> Watermarks.embed(WatermarkFixtures.png(WatermarkFixtures.image(1, 100, 100)), Kind.BLIND, KEY, MARK))
                .isInstanceOf(WatermarkException.class).hasMessage("the image is too small for a blind watermark: it needs 128×128 pixels");
        assertThatThrownBy(() -> Watermarks.embed(WatermarkFixtures.table(1, 20).getBytes(StandardCharsets.UTF_8), Kind.BLIND, KEY, MARK))
                .isInstanceOf(WatermarkException.class).hasMessageStartingWith("the table has ")
                .hasMessageEndingWith(" numeric fields to carry a blind watermark; it needs 400 (more rows or numeric columns)");
        assertThatThrownBy(() -> Watermarks.embed(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 1, 2}, Kind.BLIND, KEY, MARK))
                .isInstanceOf(WatermarkException.class).hasMessage("the image cannot be read");
        assertThatThrownBy(() -> Watermarks.embed(new byte[] {(byte) 0xC3, 0x28}, Kind.BLIND, KEY, MARK))
                .isInstanceOf(WatermarkException.class).hasMessage("the file is neither a PNG or JPEG image nor a UTF-8 CSV table");
        assertThatThrownBy(() -> Watermarks.embed("a,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8), Kind.VISIBLE, KEY, MARK))
                .isInstanceOf(WatermarkException.class).hasMessage("the CSV table cannot be read: row 2 has 3 fields, the header 2");
    }

    private static int changedPixels(BufferedImage a, BufferedImage b, int threshold) {
        int changed = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                if (Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF)) > threshold) {
                    changed++;
                }
            }
        }
        return changed;
    }
}
