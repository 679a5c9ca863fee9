package market.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes a run's figures: {@code bench.json} (everything), {@code bench.csv} (one row a step) and
 * {@code latency.png}; {@link #tables} writes any figures as such a JSON and CSV pair.
 */
public final class Report {

    private Report() {}

    static void write(Path out, Map<String, Object> report, List<Map<String, Object>> steps) throws IOException {
        tables(out, "bench", report, steps);
        chart(out.resolve("latency.png"), steps);
    }

    /**
     * {@code name.json}, the whole report, and {@code name.csv}, one line a row, a nested map's
     * entries as columns of their own ({@code key.entry}).
     */
    public static void tables(Path out, String name, Map<String, Object> report, List<Map<String, Object>> steps)
            throws IOException {
        Files.writeString(out.resolve(name + ".json"), Bench.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(report));
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> step : steps) {
            step.forEach((key, value) -> {
                if (value instanceof Map<?, ?> nested) {
                    nested.keySet().forEach(k -> columns.add(key + "." + k));
                } else {
                    columns.add(key);
                }
            });
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns));
        for (Map<String, Object> step : steps) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                Object value;
                int dot = column.indexOf('.');
                if (dot > 0 && step.get(column.substring(0, dot)) instanceof Map<?, ?> nested) {
                    value = nested.get(column.substring(dot + 1));
                } else {
                    value = step.get(column);
                }
                cells.add(value == null ? "" : value.toString().replace(',', ';'));
            }
            lines.add(String.join(",", cells));
        }
        Files.write(out.resolve(name + ".csv"), lines);
    }

    /** Latency of buy → keys released (p50, p99) and of the buy's answer (p99) against the offered rate. */
    private static void chart(Path file, List<Map<String, Object>> steps) throws IOException {
        XYSeries keysP50 = new XYSeries("buy → KeysReleased p50");
        XYSeries keysP99 = new XYSeries("buy → KeysReleased p99");
        XYSeries answerP99 = new XYSeries("buy answered p99");
        for (Map<String, Object> step : steps) {
            // the offered rates of one order-service instance: the step with two is a point of its own
            if (!(step.get("offered_per_s") instanceof Double offered) || !step.containsKey("keys_p50_ms")
                    || !Integer.valueOf(1).equals(step.get("order_instances"))) {
                continue;
            }
            keysP50.add(offered.doubleValue(), (Number) Math.max(0.1, (double) step.get("keys_p50_ms")));
            keysP99.add(offered.doubleValue(), (Number) Math.max(0.1, (double) step.get("keys_p99_ms")));
            answerP99.add(offered.doubleValue(), (Number) Math.max(0.1, (double) step.get("answer_p99_ms")));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(keysP50);
        data.addSeries(keysP99);
        data.addSeries(answerP99);
        JFreeChart chart = ChartFactory.createXYLineChart("Purchase latency against offered load",
                "offered purchases/s", "latency (ms, log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        LogAxis axis = new LogAxis("latency (ms, log scale)");
        axis.setBase(10);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        chart.getXYPlot().setRangeAxis(axis);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 560);
    }
}
