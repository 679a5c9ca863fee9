package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints throughput and latency of signed adddatabegin requests, each a full round trip: HTTP,
 * signature check, command on Kafka, exactly-once processing, reply, projection. Run with
 * {@code mvn -pl registry-service test -Dgroups=benchmark -DexcludedGroups= -Dtest=RegistryBenchmark}.
 * It checks that every request succeeded; the figures are for reading, not for asserting.
 */
@Tag("benchmark")
class RegistryBenchmark extends RegistryServiceTestBase {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int REQUESTS_PER_CLIENT = Integer.getInteger("bench.requests", 100);

    @Test
    void adddatabeginRoundTrips() throws Exception {
        Wallet provider = Wallet.create();
        String type = uniqueName("bench");
        expect(http.post(provider, "/v1/datatypes", datatype(type, "city")), 201);
        run(provider, type, 200, 4);

        long started = System.nanoTime();
        long[] latencies = run(provider, type, CLIENTS * REQUESTS_PER_CLIENT, CLIENTS);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%nregistry adddatabegin: %d requests, %d clients, %.1f s, %.0f requests/s, "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latencies.length, CLIENTS, seconds, latencies.length / seconds, millis(latencies, 0.50),
                millis(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    private long[] run(Wallet provider, String type, int requests, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Long>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> {
                    long t = System.nanoTime();
                    SignedHttp.Response response = http.post(provider, "/v1/data",
                            begin(type, List.of("Seoul"), new byte[1024], 1));
                    long elapsed = System.nanoTime() - t;
                    assertThat(response.status()).as(response.body()).isEqualTo(201);
                    return elapsed;
                });
            }
            long[] latencies = new long[requests];
            int i = 0;
            for (Future<Long> f : pool.invokeAll(calls)) {
                latencies[i++] = f.get();
            }
            return latencies;
        } finally {
            pool.shutdown();
        }
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
