package market.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import market.platform.crypto.Hashes;
import market.platform.money.Money;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.schemas.Topic;
import market.schemas.Topics;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator of {@code deploy/local/bench}, a JVM of its own beside the broker and the
 * services the launcher started: first the raw Kafka baseline on the same broker, then funded
 * buyers buying one unit each of the datasets the script registered, at fixed offered rates, open
 * loop, each step with its requests signed before its clock starts. For each step it prints and
 * writes achieved purchases/s, latency percentiles of the buy's answer and of buy → KeysReleased,
 * records written per purchase (from the topics' end offsets) and CPU seconds per purchase of
 * each process (from {@code /proc}), as ratios to the raw Kafka rate too. Before the last step it
 * starts a second order-service instance and offers one step's buys to both (two instances
 * sharing the order partitions). Figures are printed, never asserted.
 * <p>
 * Settings are system properties: {@code bench.registry}, {@code bench.settlement},
 * {@code bench.order} (service URLs), {@code bench.bootstrap}, {@code bench.operator-wallet},
 * {@code bench.run-dir} (the launcher's pid files), {@code bench.lib} (this classpath, for Kafka's
 * tools), {@code bench.out}, {@code bench.datasets} (comma-separated dataset addresses),
 * {@code bench.price}, {@code bench.buyers}, {@code bench.rates} (such as {@code 100,500,1000,2000}),
 * {@code bench.step-seconds}, {@code bench.in-flight}, {@code bench.raw-records}, {@code bench.root}
 * (the checkout, for the order-service jar), {@code bench.second-order} (false to leave out the
 * step with a second order-service instance), {@code bench.second-order-rate},
 * {@code bench.second-order-port}.
 */
public final class Bench {

    /** Commit markers take offsets too: records per purchase counts them, as the broker writes them. */
    private static final int HOPS_AFTER_BUY = 4;
    /** How long the step with a second order-service instance waits after it is ready. */
    private static final int SETTLE_SECONDS = 20;

    private final String settlement = System.getProperty("bench.settlement");
    private final String order = System.getProperty("bench.order");
    private final String bootstrap = System.getProperty("bench.bootstrap");
    private final String price = System.getProperty("bench.price", "0.0001 OSB");
    private final int stepSeconds = Integer.getInteger("bench.step-seconds", 30);
    private final int inFlight = Integer.getInteger("bench.in-flight", 256);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> datasets = List.of(System.getProperty("bench.datasets").split(","));
    private final List<Wallet> buyers = new ArrayList<>();
    private long nextPair;

    public static void main(String[] args) {
        exitAfter(() -> new Bench().run());
    }

    /** What a benchmark's main does. */
    public interface Work {
        void run() throws Exception;
    }

    /** Runs a benchmark and exits 0, or prints why it failed and exits 1, which stops the script. */
    public static void exitAfter(Work work) {
        try {
            work.run();
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", java.time.Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap in the load generator");

        say("raw Kafka baseline on " + bootstrap + "…");
        RawKafka.Baseline raw = RawKafka.measure(bootstrap, Path.of(System.getProperty("bench.lib")),
                Long.getLong("bench.raw-records", 500_000), 200);
        say(String.format("raw Kafka: %,.0f transactional records/s written (acks=all, avg latency %.1f ms), "
                + "%,.0f records/s read", raw.producedPerSecond(), raw.producerAvgLatencyMs(), raw.consumedPerSecond()));
        report.put("raw_kafka", raw);

        fundBuyers(Integer.getInteger("bench.buyers", 6000), report);
        ProcessCpu cpu = new ProcessCpu(Path.of(System.getProperty("bench.run-dir")));
        List<Map<String, Object>> steps = new ArrayList<>();
        try (KeysListener keys = new KeysListener(bootstrap)) {
            OpenLoopStep loop = new OpenLoopStep(http, keys);
            steps.add(step("idle", 2, 15, loop, keys, cpu, raw));
            Map<String, Object> idle = steps.get(0);
            double hop = ((double) idle.get("keys_p50_ms") - (double) idle.get("answer_p50_ms")) / HOPS_AFTER_BUY;
            idle.put("saga_hop_p50_ms_estimate", hop);
            say(String.format("idle: one saga hop ≈ %.1f ms (p50 buy → keys minus p50 answer, over %d hops)", hop,
                    HOPS_AFTER_BUY));
            boolean saturated = false;
            for (String rate : System.getProperty("bench.rates", "100,500,1000,2000").split(",")) {
                double offered = Double.parseDouble(rate.trim());
                if (saturated) {
                    say("rate " + rate + "/s: not run, the system is saturated below it");
                    steps.add(Map.of("step", rate, "offered_per_s", offered, "skipped", "saturated below this rate"));
                    continue;
                }
                if (pairsLeft() == 0) {
                    say("rate " + rate + "/s: not run, every buyer has bought every dataset (raise BENCH_BUYERS)");
                    steps.add(Map.of("step", rate, "offered_per_s", offered, "skipped", "no buyer left"));
                    continue;
                }
                Map<String, Object> row = step(rate, offered, stepSeconds, loop, keys, cpu, raw);
                steps.add(row);
                // saturated: less than half of what could be offered (the buyers left bound it) was achieved
                double possible = Math.min(offered, (long) row.get("requests_signed") / (double) stepSeconds);
                saturated = (double) row.get("achieved_per_s") < 0.5 * possible;
            }
            if (Boolean.parseBoolean(System.getProperty("bench.second-order", "true"))) {
                steps.add(twoOrderInstances(loop, keys, cpu, raw));
            }
            // the most it takes: as many requests as the in-flight slots allow, for a step's time
            if (pairsLeft() == 0) {
                say("max: not run, every buyer has bought every dataset (raise BENCH_BUYERS)");
                steps.add(Map.of("step", "max", "skipped", "no buyer left"));
            } else {
                steps.add(step("max", 1_000_000, stepSeconds, loop, keys, cpu, raw));
            }
        }
        report.put("steps", steps);
        Report.write(out, report, steps);
        say("wrote " + out.resolve("bench.json") + ", " + out.resolve("bench.csv") + " and "
                + out.resolve("latency.png"));
    }

    /**
     * A second order-service instance on the same broker (instance id 1, a port and data folder
     * of its own): the processors' consumer group splits the order partitions between the two,
     * and the step's buys go to both instances in turn, at {@code bench.second-order-rate}. It is
     * stopped after the step, and its partitions go back to the first.
     */
    private Map<String, Object> twoOrderInstances(OpenLoopStep loop, KeysListener keys, ProcessCpu cpu,
            RawKafka.Baseline raw) throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.second-order-rate", "1000"));
        String name = "two order instances, " + String.format("%.0f", rate);
        if (pairsLeft() == 0) {
            say(name + "/s: not run, every buyer has bought every dataset (raise BENCH_BUYERS)");
            return Map.of("step", name, "offered_per_s", rate, "skipped", "no buyer left");
        }
        int port = Integer.getInteger("bench.second-order-port", 18290);
        Path dir = out.resolve("second-order");
        say("starting a second order-service instance on port " + port + "…");
        Map<String, Object> row;
        try (ServiceProcess second = ServiceProcess.start(
                Path.of(System.getProperty("bench.root", ".")).resolve("order-service/target/order-service-exec.jar"),
                port, bootstrap, dir.resolve("data"), dir.resolve("order-service-2.log"), "1g",
                List.of("--market.instance-id=1"))) {
            double ready = second.awaitReady(Duration.ofMinutes(3));
            cpu.add("order-service-2", second.pid());
            say(String.format("the second order-service instance was ready in %.1f s; %d s for the consumer groups "
                    + "to settle", ready, SETTLE_SECONDS));
            // its processor and reactor joined their groups: partitions move, and the first instance
            // rebuilds what it keeps; measured after that, as two instances that run side by side
            Thread.sleep(SETTLE_SECONDS * 1000L);
            row = step(name, rate, stepSeconds, loop, keys, cpu, raw, List.of(order, "http://localhost:" + port));
            row.put("second_instance_ready_s", ready);
        }
        cpu.remove("order-service-2");
        // its partitions go back to the first instance, which replays them, before the next step
        Thread.sleep(SETTLE_SECONDS * 1000L);
        return row;
    }

    /** Creates the buyers and has the operator deposit enough for one unit of every dataset into each. */
    private void fundBuyers(int count, Map<String, Object> report) throws Exception {
        Wallet operator = Wallet.load(Path.of(System.getProperty("bench.operator-wallet")));
        String amount = Money.ofUnits(Math.multiplyExact(Money.parse(price).units(), datasets.size())).format();
        for (int i = 0; i < count; i++) {
            buyers.add(Wallet.create());
        }
        say("depositing " + amount + " for each of " + count + " buyers…");
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            deposit(operator, amount, pool);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        say(String.format("%d deposits in %.1f s (%.0f/s, 16 clients)", count, seconds, count / seconds));
        report.put("deposits_per_s", count / seconds);
    }

    private void deposit(Wallet operator, String amount, ExecutorService pool) throws Exception {
        List<Future<Integer>> answers = new ArrayList<>();
        for (Wallet buyer : buyers) {
            answers.add(pool.submit(() -> {
                String path = "/v1/accounts/" + buyer.address() + "/deposits";
                String body = "{\"amount\":\"" + amount + "\",\"deposit_ref\":\"bench-" + buyer.address() + "\"}";
                return http.send(signed(operator, settlement, path, body), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            }));
        }
        for (Future<Integer> answer : answers) {
            if (answer.get() != 200) {
                throw new IllegalStateException("a deposit answered " + answer.get());
            }
        }
    }

    /** One step: signs its buys, then offers them at {@code rate} for {@code seconds}, and measures. */
    private Map<String, Object> step(String name, double rate, int seconds, OpenLoopStep loop, KeysListener keys,
            ProcessCpu cpu, RawKafka.Baseline raw) throws Exception {
        return step(name, rate, seconds, loop, keys, cpu, raw, List.of(order));
    }

    /** One step whose buys go to the order-service instances of {@code orderUrls} in turn. */
    private Map<String, Object> step(String name, double rate, int seconds, OpenLoopStep loop, KeysListener keys,
            ProcessCpu cpu, RawKafka.Baseline raw, List<String> orderUrls) throws Exception {
        long wanted = (long) Math.min(rate * seconds, name.equals("max") ? inFlight * 200L : Long.MAX_VALUE);
        long count = Math.min(wanted, pairsLeft());
        long signStarted = System.nanoTime();
        List<HttpRequest> buys = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            buys.add(buy(nextPair++, orderUrls.get((int) (i % orderUrls.size()))));
        }
        double signMicros = count == 0 ? 0 : (System.nanoTime() - signStarted) / 1e3 / count;
        Map<String, Long> offsetsBefore = endOffsets();
        Map<String, Double> cpuBefore = cpu.sample();
        Recorder answered = new Recorder(3);
        Recorder released = new Recorder(3);
        long startMillis = System.currentTimeMillis();
        keys.startStep(released, startMillis + seconds * 1000L);
        OpenLoopStep.Outcome outcome = loop.run(buys, rate, Duration.ofSeconds(seconds), inFlight, answered,
                name.equals("max"));
        // requests are sent in order: the buyer-dataset pairs of those never sent are free for the next step
        nextPair -= count - outcome.sent();
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (keys.pending() > 0 && System.nanoTime() < drainDeadline) {
            keys.settleEarly();
            Thread.sleep(50);
        }
        int neverReleased = keys.pending();
        keys.forgetPending();
        Map<String, Double> cpuAfter = cpu.sample();
        Map<String, Long> offsetsAfter = endOffsets();
        Histogram answers = answered.getIntervalHistogram();
        Histogram releases = released.getIntervalHistogram();
        long completed = releases.getTotalCount();
        long records = offsetsAfter.values().stream().mapToLong(Long::longValue).sum()
                - offsetsBefore.values().stream().mapToLong(Long::longValue).sum();
        double achieved = keys.releasedInWindow() / (double) seconds;

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", name);
        row.put("order_instances", orderUrls.size());
        row.put("offered_per_s", name.equals("max") ? null : rate);
        row.put("seconds", seconds);
        row.put("requests_signed", count);
        row.put("sign_us_per_request", signMicros);
        row.put("sent", outcome.sent());
        // offered but never signed: the buyers × datasets ran out (raise BENCH_BUYERS or BENCH_DATASETS)
        long shortOfPairs = Math.max(0, (name.equals("max") ? wanted : outcome.offered()) - count);
        row.put("short_of_buyers", shortOfPairs);
        row.put("not_sent", name.equals("max") ? 0 : Math.max(0, Math.min(outcome.offered(), count) - outcome.sent()));
        row.put("answered_201", outcome.answered201());
        row.put("refused", outcome.refused());
        row.put("failed", outcome.failed());
        row.put("keys_released", completed);
        row.put("keys_never_released", neverReleased);
        row.put("achieved_per_s", achieved);
        row.put("achieved_ratio_to_raw_kafka_records", achieved / raw.producedPerSecond());
        row.put("answer_p50_ms", ms(answers, 50));
        row.put("answer_p99_ms", ms(answers, 99));
        row.put("answer_p999_ms", ms(answers, 99.9));
        row.put("keys_p50_ms", ms(releases, 50));
        row.put("keys_p99_ms", ms(releases, 99));
        row.put("keys_p999_ms", ms(releases, 99.9));
        row.put("records_per_purchase", completed == 0 ? null : records / (double) completed);
        // what the platform writes, against what the broker takes from ProducerPerformance in the same run
        row.put("records_per_s_ratio_to_raw_kafka", completed == 0 ? null
                : achieved * records / (double) completed / raw.producedPerSecond());
        Map<String, Object> cpuPerPurchase = new LinkedHashMap<>();
        cpuBefore.forEach((process, before) -> {
            double after = cpuAfter.getOrDefault(process, -1.0);
            cpuPerPurchase.put(process, completed == 0 || before < 0 || after < 0 ? null
                    : (after - before) * 1000 / completed);
        });
        row.put("cpu_ms_per_purchase", cpuPerPurchase);
        say(String.format("%s: offered %s/s, achieved %.1f purchases/s (%.5f of raw Kafka's records/s; its records "
                + "%.4f of them); %d sent, "
                + "%d not sent (%d more had no buyer left), %d refused, %d failed, %d keys released (%d never); answer p50/p99/p99.9 "
                + "%.0f/%.0f/%.0f ms; buy → keys p50/p99/p99.9 %.0f/%.0f/%.0f ms; %.1f records and CPU ms %s per "
                + "purchase; signing %.0f µs a request", name, name.equals("max") ? "max" : String.format("%.0f", rate),
                achieved, achieved / raw.producedPerSecond(), completed == 0 ? 0
                        : achieved * records / (double) completed / raw.producedPerSecond(), outcome.sent(), (long) row.get("not_sent"), shortOfPairs,
                outcome.refused(), outcome.failed(), completed, neverReleased, ms(answers, 50), ms(answers, 99),
                ms(answers, 99.9), ms(releases, 50), ms(releases, 99), ms(releases, 99.9),
                completed == 0 ? 0 : records / (double) completed, rounded(cpuPerPurchase), signMicros)
                + (name.equals("max") && shortOfPairs > 0 && outcome.sent() == count
                        ? "; every buyer had bought every dataset before the step's end, so its rate is a floor" : ""));
        return row;
    }

    private long pairsLeft() {
        return (long) buyers.size() * datasets.size() - nextPair;
    }

    /**
     * Pair k: buyer k div D buys dataset k mod D, so consecutive buys go to every dataset in turn
     * (every market, on every partition, grows alike) and no buyer buys a dataset twice.
     */
    private HttpRequest buy(long pair, String orderUrl) {
        Wallet buyer = buyers.get((int) (pair / datasets.size()));
        String dataset = datasets.get((int) (pair % datasets.size()));
        String body = "{\"buyer\":\"" + buyer.address() + "\",\"dataset\":\"" + dataset + "\",\"maxprice\":\""
                + price + "\",\"buyer_key\":\"" + Hashes.toHex0x(buyer.publicKey()) + "\",\"salt\":\""
                + Hashes.toHex0x(Hashes.sha256(Hashes.utf8(buyer.address() + dataset))) + "\"}";
        return signed(buyer, orderUrl, "/v1/deals", body);
    }

    private static HttpRequest signed(Wallet signer, String base, String path, String body) {
        RequestSignature.SignedHeaders headers = signer.signRequest("POST", path,
                body.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        return headers.addTo(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The end offset of every partition of every topic in the catalog. */
    private Map<String, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = Topics.all().stream().map(Topic::name).toList();
            Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = admin.describeTopics(
                    admin.listTopics().names().get().stream().filter(names::contains).toList()).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(p ->
                    latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> offsets = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp.toString(), info.offset()));
            return offsets;
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String rounded(Map<String, Object> cpu) {
        StringBuilder text = new StringBuilder();
        cpu.forEach((process, value) -> text.append(text.length() == 0 ? "" : ", ").append(process).append(' ')
                .append(value == null ? "?" : String.format("%.2f", (Double) value)));
        return "(" + text + ")";
    }

    static void say(String text) {
        System.out.println("[bench] " + text);
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
}
