package market.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The raw Kafka baseline of a run, against the same broker the services use: Kafka's own
 * {@code ProducerPerformance}, transactional and with {@code acks=all} like the services'
 * producers, then {@code ConsumerPerformance} reading the same records back. Each runs as a child
 * JVM on the bench classpath; their own summary lines are parsed.
 */
final class RawKafka {

    /** What the two tools printed: records a second written transactionally, and read. */
    record Baseline(long records, int recordBytes, double producedPerSecond, double producerAvgLatencyMs,
            double consumedPerSecond) {}

    private static final Pattern PRODUCED = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency");

    private RawKafka() {}

    static Baseline measure(String bootstrap, Path classpath, long records, int recordBytes) throws Exception {
        String topic = "bench.raw-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String produced = run(classpath, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordBytes),
                "--throughput", "-1", "--transactional-id", "bench-raw", "--transaction-duration-ms", "100",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5");
        Matcher p = last(PRODUCED, produced);
        String consumed = run(classpath, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
                bootstrap, "--topic", topic, "--messages", Long.toString(records), "--timeout", "60000");
        double perSecond = consumedPerSecond(consumed);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        return new Baseline(records, recordBytes, Double.parseDouble(p.group(2)), Double.parseDouble(p.group(4)),
                perSecond);
    }

    /** ConsumerPerformance prints a header line and a values line; nMsg.sec is the records a second. */
    private static double consumedPerSecond(String output) {
        List<String> lines = output.lines().toList();
        String[] header = null;
        for (String line : lines) {
            if (line.contains("nMsg.sec")) {
                header = line.split(",\\s*");
            } else if (header != null && !line.isBlank() && Character.isDigit(line.charAt(0))) {
                String[] values = line.split(",\\s*");
                for (int c = 0; c < header.length && c < values.length; c++) {
                    if (header[c].trim().equals("nMsg.sec")) {
                        return Double.parseDouble(values[c].trim());
                    }
                }
            }
        }
        throw new IllegalStateException("no nMsg.sec in the output of ConsumerPerformance:\n" + output);
    }

    private static Matcher last(Pattern pattern, String output) {
        Matcher found = null;
        for (String line : output.lines().toList()) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no summary in the output of ProducerPerformance:\n" + output);
        }
        return found;
    }

    private static String run(Path classpath, String mainClass, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", classpath.resolve("*") + java.io.File.pathSeparator
                + System.getProperty("bench.classes", ""), mainClass));
        command.addAll(List.of(args));
        // the output goes to a file, so a tool that hangs meets the timeout instead of a blocked read
        Path log = java.nio.file.Files.createTempFile("bench-raw", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(log);
        if (!ended || process.exitValue() != 0) {
            throw new IllegalStateException(mainClass + (ended ? " failed" : " did not end in 10 minutes") + ":\n"
                    + output);
        }
        return output;
    }
}
