package market.bench.datashare;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import market.registry.datashare.watermark.WatermarkKey;
import market.registry.datashare.watermark.Watermarks;
import market.registry.datashare.watermark.Watermarks.Kind;
import market.registry.datashare.watermark.Watermarks.ProviderMarks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of blind watermarks: embedding in and extracting from a 1024×1024 PNG
 * (about 3 MB of pixels) and a CSV table of 20,000 rows (about 0.8 MB), decoding and encoding
 * included. {@link DataShareBench} divides the scores by the file's megabytes of pixels or text.
 * Scores are milliseconds an operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WatermarkBenchmark {

    static final String MARK = "did:ethr:0x1f2e3d4c5b6a79880716253443526170f1e2d3c4_product2";
    static final int SIDE = 1024;
    static final int ROWS = 20_000;

    @Param({"png", "csv"})
    public String file;

    private final WatermarkKey key = WatermarkKey.generate();
    private byte[] original;
    private byte[] marked;
    private List<ProviderMarks> candidates;

    @Setup
    public void prepare() throws Exception {
        original = file.equals("png") ? png() : csv().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        marked = Watermarks.embed(original, Kind.BLIND, key, MARK);
        candidates = List.of(new ProviderMarks(key, List.of(MARK)));
        if (!Watermarks.extract(marked, candidates).orElse("").equals(MARK)) {
            throw new IllegalStateException("the mark is not found after embedding");
        }
    }

    /** Megabytes (2^20 bytes) the benchmark works on: RGB pixels of the image, text of the table. */
    static double megabytes(String file) {
        return file.equals("png") ? SIDE * SIDE * 3 / 1048576.0 : csv().length() / 1048576.0;
    }

    @Benchmark
    public byte[] embed() {
        return Watermarks.embed(original, Kind.BLIND, key, MARK);
    }

    @Benchmark
    public Object extract() {
        return Watermarks.extract(marked, candidates);
    }

    private static byte[] png() throws Exception {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int shade = (int) (60 * Math.sin(x * 0.02) * Math.cos(y * 0.03)) + 120;
                int noise = random.nextInt(9) - 4;
                int v = Math.max(0, Math.min(255, shade + noise));
                image.setRGB(x, y, v << 16 | (255 - v) << 8 | (v / 2 + 60));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String csv() {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("order_id,city,quantity,unit_price,weight_kg\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(100000 + i).append(",city").append(random.nextInt(40)).append(',')
                    .append(1 + random.nextInt(500)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", random.nextDouble() * 1000)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 50)).append('\n');
        }
        return csv.toString();
    }
}
