package market.bench.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.bench.ServiceProcess;
import market.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The replay part of {@code deploy/local/bench}, against a broker of its own with nothing else on
 * it: for each service, the bulk generator ({@link EventWriter}) writes its events topic up to
 * each size of {@code bench.replay-sizes} in turn (1M, then 10M: the longer run appends to the
 * shorter), and at each size the service's own jar is started twice. First with no snapshot (the
 * snapshots topic emptied): its time from start to ready, the events/s of its command
 * processor's replay and of its projection (from their log lines), and its live heap, per entity
 * above the heap of the same service started on empty topics; that start then writes its
 * snapshots. Then again, from those snapshots: start to ready. Each run is checked: the processor
 * replayed every event and nothing was dead-lettered. Figures are printed and written to
 * {@code replay.json} and {@code replay.csv}, never asserted.
 * <p>
 * Settings are system properties: {@code bench.bootstrap}, {@code bench.root} (the checkout, for
 * the service jars), {@code bench.out}, {@code bench.replay-sizes} (events, comma-separated),
 * {@code bench.replay-services}, {@code bench.replay-port}, {@code bench.replay-heap} (the
 * services' {@code -Xmx}), {@code bench.replay-snapshot-every} (the services'
 * {@code market.snapshot-every}; every partition must reach it), {@code bench.java-options}
 * (more options of the services' JVMs, such as a flight recording), {@code bench.partitions}.
 */
public final class ReplayBench {

    private static final Pattern PROCESSOR = Pattern.compile(
            "replayed (\\d+) events of partitions (\\[[0-9, ]*]) in (\\d+) ms(, after the snapshots of partitions "
                    + "(\\[[0-9, ]*]))?");
    private static final Pattern PROJECTION = Pattern.compile("projection caught up with .* after (\\d+) events in (\\d+) ms");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot of partition (\\d+) at events offset (\\d+): (\\d+) chunks in (\\d+) ms");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(20);

    private final String bootstrap = System.getProperty("bench.bootstrap");
    private final Path root = Path.of(System.getProperty("bench.root", "."));
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    private final int port = Integer.getInteger("bench.replay-port", 18289);
    private final String heap = System.getProperty("bench.replay-heap", "12g");
    private final int partitions = Integer.getInteger("bench.partitions", 3);
    private final long snapshotEvery = Long.getLong("bench.replay-snapshot-every", 100_000);
    private final List<Long> sizes = java.util.Arrays.stream(System.getProperty("bench.replay-sizes",
            "1000000,10000000").split(",")).map(String::trim).map(Long::parseLong).toList();
    private final List<String> services = List.of(System.getProperty("bench.replay-services",
            "registry,settlement,order,keeper").split(","));

    public static void main(String[] args) {
        market.bench.Bench.exitAfter(() -> new ReplayBench().run());
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        deleteTree(out.resolve("replay"));
        EventWriter writer = new EventWriter(bootstrap, partitions);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Workload workload : Workload.all(sizes.get(0))) {
            if (!services.contains(workload.service())) {
                continue;
            }
            // the services follow each other's events: the one measured sees its own alone
            deleteTopics(name -> !name.startsWith("__"));
            writer.ensureTopics(workload);
            Run empty = start(workload, "empty", 0, true);
            say(String.format("%s on empty topics: ready in %.1f s, live heap %,d bytes", workload.service(),
                    empty.readySeconds, empty.heap.bytes()));
            long written = 0;
            Run previous = empty;
            for (long size : sizes) {
                double writeRate = writer.write(workload, written, size);
                written = size;
                say(String.format("%s: %,d events written (%,.0f events/s)", workload.service(), size, writeRate));
                String snapshots = Topics.snapshots(workload.service()).name();
                deleteTopics(snapshots::equals);
                Run full = start(workload, "full-" + size, size, true);
                Run fromSnapshot = start(workload, "snapshot-" + size, size, false);
                rows.add(row(workload, size, writeRate, empty, previous, full, fromSnapshot));
                previous = full;
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", java.time.Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores; services run with -Xmx" + heap);
        report.put("runs", rows);
        market.bench.Report.tables(out, "replay", report, rows);
        say("wrote " + out.resolve("replay.json") + " and " + out.resolve("replay.csv"));
    }

    /** Figures of one start of a service. */
    private record Run(double readySeconds, ServiceProcess.Heap heap, long processorEvents, long processorMillis,
            boolean fromSnapshot, long projectionEvents, long projectionMillis, long snapshotMillis) {}

    /**
     * Starts the service on the events written so far, until ready; measures its heap. A full
     * run also waits for the snapshots it writes once ready, one per partition at its end.
     */
    private Run start(Workload workload, String name, long events, boolean full) throws Exception {
        Path dir = out.resolve("replay").resolve(workload.service());
        Path jar = root.resolve(workload.service() + "-service/target/" + workload.service() + "-service-exec.jar");
        Map<Integer, Long> ends = endOffsets(workload.model().events().name());
        List<String> options = new ArrayList<>(workload.serviceOptions());
        options.add("--market.snapshot-every=" + snapshotEvery);
        // no command comes in these runs: a full replay is snapshotted once the loop idles
        options.add("--market.snapshot-when-idle=true");
        ServiceProcess service = ServiceProcess.start(jar, port, bootstrap, dir.resolve("data"),
                dir.resolve(name + ".log"), heap, options);
        try {
            double ready = service.awaitReady(READY_TIMEOUT);
            if (full && events > 0) {
                List<String> expected = new ArrayList<>();
                ends.forEach((partition, end) -> {
                    if (end < snapshotEvery) {
                        throw new IllegalStateException(workload.service() + " partition " + partition + " has "
                                + end + " events, fewer than bench.replay-snapshot-every (" + snapshotEvery + ")");
                    }
                    expected.add("snapshot of partition " + partition + " at events offset " + end + ":");
                });
                service.awaitLog(expected, READY_TIMEOUT);
            }
            // after the snapshots are written: a snapshot on its way holds its states' bytes too
            ServiceProcess.Heap live = service.liveHeap();
            long processorEvents = 0;
            long processorMillis = 0;
            boolean fromSnapshot = false;
            long projectionEvents = -1;
            long projectionMillis = -1;
            long snapshotMillis = 0;
            for (String line : service.logLines()) {
                Matcher written = SNAPSHOT.matcher(line);
                if (full && written.find()) {
                    snapshotMillis += Long.parseLong(written.group(4));
                }
                Matcher m = PROCESSOR.matcher(line);
                if (m.find()) {
                    processorEvents += Long.parseLong(m.group(1));
                    processorMillis += Long.parseLong(m.group(3));
                    // from snapshots: every partition it replayed started from one
                    fromSnapshot = m.group(4) != null && numbers(m.group(5)).equals(numbers(m.group(2)));
                }
                Matcher p = PROJECTION.matcher(line);
                if (p.find()) {
                    projectionEvents = Long.parseLong(p.group(1));
                    projectionMillis = Long.parseLong(p.group(2));
                }
            }
            check(workload, name, events, full, processorEvents, fromSnapshot, projectionEvents);
            return new Run(ready, live, processorEvents, processorMillis, fromSnapshot, projectionEvents,
                    projectionMillis, snapshotMillis);
        } finally {
            service.close();
        }
    }

    /** A run whose replay skipped or dead-lettered events would measure less work than it claims. */
    private void check(Workload workload, String name, long events, boolean full, long processorEvents,
            boolean fromSnapshot, long projectionEvents) throws Exception {
        String dlt = workload.model().eventsDeadLetter().name();
        long deadLetters = endOffsets(dlt).values().stream().mapToLong(Long::longValue).sum();
        if (deadLetters > 0) {
            throw new IllegalStateException(workload.service() + " " + name + ": " + deadLetters
                    + " events were dead-lettered to " + dlt);
        }
        if (projectionEvents != events) {
            throw new IllegalStateException(workload.service() + " " + name + ": the projection read "
                    + projectionEvents + " events, not " + events);
        }
        if (full ? processorEvents != events : events > 0 && !fromSnapshot) {
            throw new IllegalStateException(workload.service() + " " + name + ": the processor replayed "
                    + processorEvents + " events" + (full ? ", not " + events : " and no snapshot"));
        }
    }

    private Map<String, Object> row(Workload workload, long size, double writeRate, Run empty, Run previous,
            Run full, Run fromSnapshot) {
        long entities = workload.entities(size);
        long later = workload.laterEntities(size);
        long laterBefore = workload.laterEntities(previous.processorEvents);
        long above = full.heap.bytes() - empty.heap.bytes();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", workload.service());
        row.put("events", size);
        row.put("write_events_per_s", writeRate);
        row.put("entity", workload.entity());
        row.put("entities", entities);
        if (workload.laterEntity() != null) {
            row.put("later_entity", workload.laterEntity());
            row.put("later_entities", later);
        }
        // the later entities alone: what the heap grew by since the previous size, per one added
        Double perLater = later > laterBefore
                ? (full.heap.bytes() - previous.heap.bytes()) / (double) (later - laterBefore) : null;
        row.put("start_to_ready_empty_s", empty.readySeconds);
        row.put("start_to_ready_full_replay_s", full.readySeconds);
        row.put("processor_replay_events_per_s", rate(full.processorEvents, full.processorMillis));
        row.put("projection_replay_events_per_s", rate(full.projectionEvents, full.projectionMillis));
        row.put("snapshot_write_ms", full.snapshotMillis);
        row.put("start_to_ready_from_snapshot_s", fromSnapshot.readySeconds);
        row.put("processor_tail_events_after_snapshot", fromSnapshot.processorEvents);
        row.put("processor_replay_ms_from_snapshot", fromSnapshot.processorMillis);
        row.put("live_heap_bytes", full.heap.bytes());
        // the same states restored from snapshots instead of folded from events
        row.put("live_heap_from_snapshot_bytes", fromSnapshot.heap.bytes());
        row.put("live_heap_empty_bytes", empty.heap.bytes());
        // all the service holds per entity: the processor's state, the projection's and its views
        row.put("heap_bytes_per_entity", entities == 0 || later > 0 ? null : above / (double) entities);
        row.put("heap_bytes_per_later_entity", perLater);
        row.put("largest_classes", full.heap.largest());
        say(String.format("%s at %,d events (%,d %ss%s): start to ready %.1f s by full replay (processor %,.0f "
                + "events/s, projection %,.0f events/s), %.1f s from snapshots (written in %d ms; the processor "
                + "loaded them and replayed a tail of %,d events in %d ms); live heap %,d bytes (%,d from snapshots), "
                + "%s; largest: %s",
                workload.service(), size, entities, workload.entity(),
                later > 0 ? String.format(" and %,d %ss", later, workload.laterEntity()) : "", full.readySeconds,
                rate(full.processorEvents, full.processorMillis), rate(full.projectionEvents, full.projectionMillis),
                fromSnapshot.readySeconds, full.snapshotMillis, fromSnapshot.processorEvents,
                fromSnapshot.processorMillis, full.heap.bytes(), fromSnapshot.heap.bytes(), perLater != null
                        ? String.format("%,.0f bytes per %s added since the previous size", perLater,
                                workload.laterEntity())
                        : String.format("%,.0f bytes per %s above the empty service",
                                entities == 0 ? 0 : above / (double) entities, workload.entity()),
                full.heap.largest()));
        return row;
    }

    /** The partition numbers of a logged list such as {@code [0, 1, 2]}. */
    private static java.util.Set<String> numbers(String list) {
        return java.util.Set.of(list.replaceAll("[\\[\\] ]", "").split(","));
    }

    private static double rate(long events, long millis) {
        return millis <= 0 ? 0 : events * 1000.0 / millis;
    }

    /** Deletes the topics {@code which} picks, and waits until they are gone (a start creates what it needs again). */
    private void deleteTopics(java.util.function.Predicate<String> which) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = admin.listTopics().names().get().stream().filter(which).toList();
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get();
            }
            for (int i = 0; i < 600 && admin.listTopics().names().get().stream().anyMatch(names::contains); i++) {
                Thread.sleep(100);
            }
        }
    }

    private Map<Integer, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new java.util.TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }

    /** The services' data folders and logs of an earlier run. */
    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static void say(String text) {
        System.out.println("[bench] " + text);
    }
}
