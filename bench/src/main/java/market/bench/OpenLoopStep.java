package market.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * One offered rate, open loop: request i is due at start + i / rate, whatever happened to the
 * ones before. At most {@code inFlight} requests are outstanding; a request that waits for a free
 * slot is late, and its latency still counts from when it was due, so a stalled system cannot
 * hide its queue up to the in-flight limit. Requests still unsent when the step's time is up are
 * counted as not sent, and are in no percentile: the percentiles are those of the requests sent,
 * so a step with requests not sent is past saturation, whatever its percentiles say.
 * Latency of the buy's answer is measured here; buy → keys released by the {@link KeysListener}.
 * The "max" step runs closed loop instead: as many requests as there are slots, each timed from
 * its own send.
 */
final class OpenLoopStep {

    record Outcome(long offered, long sent, long answered201, long refused, long failed, long notSent) {}

    private static final Pattern DEAL = Pattern.compile("\"deal_id\"\\s*:\\s*(\\d+)");
    private static final Pattern DATA = Pattern.compile("\"data_id\"\\s*:\\s*(\\d+)");

    private final HttpClient http;
    private final KeysListener keys;

    OpenLoopStep(HttpClient http, KeysListener keys) {
        this.http = http;
        this.keys = keys;
    }

    /**
     * Offers {@code buys} at {@code rate}; with {@code closedLoop} (the "max" step) every request
     * is sent as soon as a slot is free and its latency counts from when it was sent.
     */
    Outcome run(List<HttpRequest> buys, double rate, Duration length, int inFlight, Recorder answered,
            boolean closedLoop) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong created = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentHashMap<Long, Boolean> open = new ConcurrentHashMap<>();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long endNanos = startNanos + length.toNanos();
        long sent = 0;
        for (int i = 0; i < buys.size(); i++) {
            long dueNanos = startNanos + (long) (i * 1e9 / rate);
            if (dueNanos >= endNanos) {
                break;
            }
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long left = endNanos - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                break;
            }
            if (closedLoop) {
                dueNanos = System.nanoTime();
            }
            long dueMillis = startMillis + (dueNanos - startNanos) / 1_000_000;
            long due = dueNanos;
            long id = i;
            open.put(id, true);
            sent++;
            http.sendAsync(buys.get(i), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                answered.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                if (error != null) {
                    failed.incrementAndGet();
                } else if (response.statusCode() == 201) {
                    created.incrementAndGet();
                    Matcher deal = DEAL.matcher(response.body());
                    Matcher data = DATA.matcher(response.body());
                    if (deal.find() && data.find()) {
                        keys.await(Long.parseLong(data.group(1)), Long.parseLong(deal.group(1)), dueMillis);
                    }
                } else {
                    refused.incrementAndGet();
                }
                open.remove(id);
                slots.release();
            });
        }
        long offered = (long) (rate * length.toNanos() / 1e9);
        // the answers still on their way belong to this step
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new Outcome(offered, sent, created.get(), refused.get(), failed.get() + open.size(), offered - sent);
    }
}
