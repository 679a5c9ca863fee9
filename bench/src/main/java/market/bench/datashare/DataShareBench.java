package market.bench.datashare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the DataShare benchmarks with JMH in one forked JVM and prints the cost of each ABE
 * operation for policies of 5 and 50 leaves, and of embedding and extracting a blind watermark
 * per megabyte of image and of CSV ({@link WatermarkBenchmark}). Writes {@code datashare.json} and
 * {@code datashare.csv} to {@code bench.out}. {@code BENCH_PARTS=datashare deploy/local/bench}
 * runs it; so does {@code java -cp 'bench/target/bench-lib/*:bench/target/classes'
 * market.bench.datashare.DataShareBench}. It is not part of CI.
 */
public final class DataShareBench {

    private DataShareBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        int seconds = Integer.getInteger("bench.jmh-seconds", 2);
        Options options = new OptionsBuilder().include(AbeBenchmark.class.getName())
                .include(WatermarkBenchmark.class.getName())
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
                .shouldFailOnError(true).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            String file = result.getParams().getParam("file");
            row.put("leaves", result.getParams().getParam("leaves"));
            row.put("file", file);
            row.put("ms_per_op", result.getPrimaryResult().getScore());
            row.put("ms_per_mb", file == null ? null : result.getPrimaryResult().getScore() / WatermarkBenchmark.megabytes(file));
            double error = result.getPrimaryResult().getScoreError();
            row.put("ms_per_op_error", Double.isNaN(error) ? null : error);
            rows.add(row);
        }
        System.out.println();
        rows.forEach(row -> {
            if (row.get("file") == null) {
                System.out.printf("[bench] datashare %-32s leaves %-3s %10.3f ms an op%n",
                        row.get("benchmark"), row.get("leaves"), (Double) row.get("ms_per_op"));
            } else {
                System.out.printf("[bench] datashare %-32s %-10s %10.3f ms an op, %8.2f ms a MB%n",
                        row.get("benchmark"), row.get("file"), (Double) row.get("ms_per_op"), (Double) row.get("ms_per_mb"));
            }
        });
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmarks", rows);
        market.bench.Report.tables(out, "datashare", report, rows);
        System.out.println("[bench] wrote " + out.resolve("datashare.json") + " and " + out.resolve("datashare.csv"));
    }
}
