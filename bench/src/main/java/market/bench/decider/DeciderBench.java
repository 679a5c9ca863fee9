package market.bench.decider;

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
 * Runs the decider benchmarks ({@link MatchBenchmark}, {@link MarketBenchmarks}) with JMH, one
 * forked JVM each, and prints matches per second and the cost of a buy into a market with
 * 100,000 deals against an empty one. Writes {@code decider.json} and {@code decider.csv} to
 * {@code bench.out}. {@code deploy/local/bench} runs it once the platform has stopped; it also
 * runs on its own: {@code java -cp 'bench/target/bench-lib/*:bench/target/classes'
 * market.bench.decider.DeciderBench}.
 */
public final class DeciderBench {

    private DeciderBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        int seconds = Integer.getInteger("bench.jmh-seconds", 2);
        Options options = new OptionsBuilder().include(MatchBenchmark.class.getName())
                .include(MarketBenchmarks.class.getName()).forks(1).warmupIterations(3)
                .warmupTime(TimeValue.seconds(seconds)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(seconds)).shouldFailOnError(true).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            String benchmark = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String deals = result.getParams().getParam("deals");
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", benchmark);
            row.put("deals", deals == null ? "" : deals);
            row.put("ops_per_s", Math.round(score));
            row.put("ops_per_s_error", Double.isNaN(error) ? null : Math.round(error));
            row.put("us_per_op", 1e6 / score);
            rows.add(row);
            scores.put(benchmark + (deals == null ? "" : ":" + deals), score);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmarks", rows);
        Double match = scores.get("MatchBenchmark.match");
        Double emptyBuy = scores.get("MarketBenchmarks.buy:0");
        Double fullBuy = scores.get("MarketBenchmarks.buy:100000");
        System.out.println();
        rows.forEach(row -> System.out.printf("[bench] decider %-26s deals %-7s %,12d ops/s  (%.2f µs an op)%n",
                row.get("benchmark"), row.get("deals"), row.get("ops_per_s"), (Double) row.get("us_per_op")));
        if (match != null) {
            report.put("matches_per_s", Math.round(match));
            System.out.printf("[bench] matching in the decider: %,d matches/s (16 open orders, half ruled out)%n",
                    Math.round(match));
        }
        if (emptyBuy != null && fullBuy != null) {
            double ratio = emptyBuy / fullBuy;
            report.put("buy_cost_100000_deals_vs_empty", ratio);
            System.out.printf("[bench] a buy into a market with 100,000 deals costs %.2f× a buy into an empty one%n",
                    ratio);
        }
        market.bench.Report.tables(out, "decider", report, rows);
        System.out.println("[bench] wrote " + out.resolve("decider.json") + " and " + out.resolve("decider.csv"));
    }
}
