package market.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM started the way {@code deploy/local/start} starts it ({@code java -jar} on its
 * exec jar, against the broker, with the options of {@code bench.java-options} too), its output
 * in a log file: the time from start to its readiness probe answering 200, its live heap (a full
 * collection by {@code jcmd GC.class_histogram}) and the lines of its log.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");
    private final Process process;
    private final Path log;
    private final int port;
    private final long started = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static ServiceProcess start(Path jar, int port, String bootstrap, Path dataDir, Path log, String heap,
            List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA_BIN.resolve("java").toString(), "-Xmx" + heap));
        // such as -XX:StartFlightRecording=… to profile a run
        String extra = System.getProperty("bench.java-options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-Dmarket.process=bench-service", "-jar", jar.toString(), "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap, "--market.data-dir=" + dataDir));
        command.addAll(options);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // a load generator stopped by a signal stops what it started
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new ServiceProcess(process, log, port);
    }

    /** Seconds from the JVM's start to its readiness probe answering 200. */
    public double awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during its start; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    /** Waits until the log has a line containing each of {@code texts}. */
    public void awaitLog(List<String> texts, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!texts.stream().allMatch(text -> logLines().stream().anyMatch(line -> line.contains(text)))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the log never said " + texts + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Live heap: jcmd's class histogram, which collects first; its total line and its largest classes. */
    public Heap liveHeap() throws Exception {
        Process jcmd = new ProcessBuilder(JAVA_BIN.resolve("jcmd").toString(), Long.toString(process.pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().toList();
        if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd failed: " + String.join("\n", lines));
        }
        long total = -1;
        List<String> top = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 3 && cells[0].equals("Total")) {
                total = Long.parseLong(cells[2]);
            } else if (cells.length >= 4 && cells[0].endsWith(":") && top.size() < 6) {
                top.add(cells[3] + " " + cells[2]);
            }
        }
        if (total < 0) {
            throw new IllegalStateException("no total in jcmd's histogram: " + String.join("\n", lines));
        }
        return new Heap(total, top);
    }

    public record Heap(long bytes, List<String> largest) {}

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
