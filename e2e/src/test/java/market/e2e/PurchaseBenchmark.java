package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.crypto.Addresses;
import market.platform.signing.Wallet;
import market.order.event.DealCompleted;
import market.platform.testing.KafkaBroker;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.registry.event.KeysReleased;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Prints the figures of whole purchases across the three services: how fast signed buy requests
 * are answered (a deal held), and how long from each buy request until its deal completed and
 * its keys were released, taken from the Kafka timestamps of {@code DealCompleted} and
 * {@code KeysReleased}. Each purchase is six saga steps after the buy (settlement's debit and
 * credit, the deal's completion, the key release, and the reactions between them), each an
 * exactly-once transaction. Run with
 * {@code mvn -pl e2e test -Dgroups=benchmark -DexcludedGroups= -Dtest=PurchaseBenchmark}; set
 * {@code -Dbench.buyers} and {@code -Dbench.clients} in {@code -DargLine}. It checks that every
 * purchase completed; the figures are for reading, not for asserting.
 */
@Tag("benchmark")
class PurchaseBenchmark extends EndToEndTest {

    private static final int BUYERS = Integer.getInteger("bench.buyers", 400);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final long PRICE = 10_000;

    @Test
    void purchasesFromBuyToPaid() throws Exception {
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        flows.publishOrder(provider, dataset, PRICE, BUYERS, Addresses.ZERO);
        List<Wallet> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            Wallet buyer = Wallet.create();
            flows.deposit(buyer.address(), "1.0000 OSB");
            buyers.add(buyer);
        }

        long providerBefore = flows.available(provider.address());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long started = System.currentTimeMillis();
        List<Future<long[]>> answers = new ArrayList<>();
        for (Wallet buyer : buyers) {
            answers.add(pool.submit(() -> {
                long sent = System.currentTimeMillis();
                SignedHttp.Response response = flows.buy(buyer, dataset, "1.0000 OSB").expect(201);
                return new long[] {response.json().get("deal_id").longValue(), sent, System.currentTimeMillis() - sent};
            }));
        }
        Map<Long, Long> sentAt = new HashMap<>();
        long[] answered = new long[BUYERS];
        for (int i = 0; i < BUYERS; i++) {
            long[] answer = answers.get(i).get();
            sentAt.put(answer[0], answer[1]);
            answered[i] = answer[2];
        }
        double buySeconds = (System.currentTimeMillis() - started) / 1e3;
        pool.shutdown();
        // one light read while the sagas run: the provider is paid for every deal
        Flows.await("every purchase paid", () ->
                flows.available(provider.address()) == providerBefore + BUYERS * PRICE ? Boolean.TRUE : null);
        double paidSeconds = (System.currentTimeMillis() - started) / 1e3;

        // when each deal completed and its keys were released: the Kafka timestamps of those events,
        // of this dataset's deals only, read again until every one has arrived (a paid provider does
        // not mean the last completions and releases are written yet)
        long dataId = data.get("data_id").longValue();
        long[][] times = Flows.await("every deal completed and its keys released", () -> {
            long[] completedAt = eventTimes(Topics.ORDER_EVENTS.name(), sentAt, dataset, dataId, DealCompleted.class);
            long[] releasedAt = eventTimes(Topics.REGISTRY_EVENTS.name(), sentAt, dataset, dataId, KeysReleased.class);
            return completedAt.length == BUYERS && releasedAt.length == BUYERS ? new long[][] {completedAt, releasedAt}
                    : null;
        });
        long[] completed = times[0];
        long[] released = times[1];

        assertThat(completed).hasSize(BUYERS);
        Arrays.sort(answered);
        System.out.printf("%npurchases: %d buyers, %d clients, one order, one broker and three services in one JVM%n",
                BUYERS, CLIENTS);
        System.out.printf("  buy answered (deal held): %.0f/s, p50 %d ms, p99 %d ms%n", BUYERS / buySeconds,
                percentile(answered, 50), percentile(answered, 99));
        System.out.printf("  buy sent to DealCompleted: p50 %d ms, p99 %d ms%n", percentile(completed, 50),
                percentile(completed, 99));
        System.out.printf("  buy sent to KeysReleased: p50 %d ms, p99 %d ms (%d releases)%n",
                percentile(released, 50), percentile(released, 99), released.length);
        System.out.printf("  all %d purchases paid in %.1f s: %.0f purchases/s%n%n", BUYERS, paidSeconds,
                BUYERS / paidSeconds);
    }

    /** For each of {@code sentAt}'s deals of the dataset, the time from its buy request to the event of {@code type}. */
    private static long[] eventTimes(String topic, Map<Long, Long> sentAt, String dataset, long dataId, Class<?> type) {
        SingleObjectCodec codec = SingleObjectCodec.standard();
        List<Long> times = new ArrayList<>();
        for (var record : TopicReader.readAll(KafkaBroker.bootstrapServers(), topic)) {
            Object event;
            try {
                event = codec.decode(record.value());
            } catch (SingleObjectCodec.UndecodableException poison) {
                continue;
            }
            // only this dataset's deals: the topics also hold every other test's
            Long dealId = event instanceof DealCompleted e && e.getDataset().equals(dataset) ? Long.valueOf(e.getDealId())
                    : event instanceof KeysReleased e && e.getDataId() == dataId ? Long.valueOf(e.getDealId()) : null;
            if (type.isInstance(event) && sentAt.containsKey(dealId)) {
                times.add(record.timestamp() - sentAt.get(dealId));
            }
        }
        return times.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long percentile(long[] sortedMillis, int percent) {
        if (sortedMillis.length == 0) {
            return -1;
        }
        int index = Math.min(sortedMillis.length - 1, (int) Math.ceil(percent / 100.0 * sortedMillis.length) - 1);
        return sortedMillis[Math.max(0, index)];
    }
}
