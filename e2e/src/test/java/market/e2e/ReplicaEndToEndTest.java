package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import market.keeper.KeeperApplication;
import market.order.OrderApplication;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.registry.RegistryApplication;
import market.registry.event.KeysReleased;
import market.schemas.Topics;
import market.settlement.SettlementApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of each service on one broker, one of each stopped under load. A second instance
 * of registry, settlement, order and keeper-service joins the first's groups; buyers deposit and
 * buy at once, half through each instance; a quarter of the way in, the second instances stop. A
 * request its instance could not answer is sent again, the same signed request, to the first
 * instance, as a client behind a load balancer would. Then every buyer was credited once, has one
 * deal, completed once, and one key release, and the ledger balances (checked after every test):
 * no request lost, none applied twice.
 */
class ReplicaEndToEndTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Class<?>> SERVICES = List.of(RegistryApplication.class, SettlementApplication.class,
            OrderApplication.class, KeeperApplication.class);
    private static final int BUYERS = 48;
    /** A client's pause before each buyer, so the load lasts longer than the stop of an instance. */
    private static final long PACE_MILLIS = 250;

    /** What the client saw in the end for one request: the status and error code of its last answer. */
    private record Answer(int status, String errorCode, boolean resent) {}

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void withTwoInstancesOfEachServiceOneStoppedMidLoadNoRequestIsLostOrDoubled() throws Exception {
        Flows.Listing listing = flows.listed("replica-key-", BUYERS);
        String dataset = listing.dataset();
        long dataId = listing.dataId();

        Map<Class<?>, ConfigurableApplicationContext> replicas = new LinkedHashMap<>();
        for (Class<?> service : SERVICES) {
            replicas.put(service, platform.startReplica(service, "e2e-b"));
        }
        SignedHttp settlementB = http(replicas.get(SettlementApplication.class));
        SignedHttp orderB = http(replicas.get(OrderApplication.class));

        List<Wallet> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(Wallet.create());
        }
        CountDownLatch aQuarter = new CountDownLatch(BUYERS / 4);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<Answer>>> answers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            Wallet buyer = buyers.get(i);
            boolean throughB = i % 2 == 1;
            answers.add(clients.submit(() -> {
                Thread.sleep(PACE_MILLIS);
                Answer deposit = sendUntilAnswered(throughB ? settlementB : platform.settlement(), platform.settlement(),
                        platform.operator, "/v1/accounts/" + buyer.address() + "/deposits",
                        Map.of("amount", "3.0000 OSB", "deposit_ref", "rail-" + UUID.randomUUID()));
                Answer buy = sendUntilAnswered(throughB ? orderB : platform.order(), platform.order(), buyer, "/v1/deals",
                        Flows.buyBody(buyer, dataset, "2.5000 OSB"));
                aQuarter.countDown();
                return List.of(deposit, buy);
            }));
        }
        assertThat(aQuarter.await(120, TimeUnit.SECONDS)).isTrue();
        // the four second instances stop at once, while the clients go on
        List<Thread> stops = replicas.values().stream().map(replica -> new Thread(replica::close)).toList();
        stops.forEach(Thread::start);
        for (Thread stop : stops) {
            stop.join();
        }
        clients.shutdown();
        int resent = 0;
        int replays = 0;
        for (Future<List<Answer>> future : answers) {
            List<Answer> both = future.get(180, TimeUnit.SECONDS);
            Answer deposit = both.get(0);
            Answer buy = both.get(1);
            // accepted, or refused as a replay of a request an instance had already taken
            assertThat(deposit.status() == 200 || deposit.status() == 401 && "AUTH.NONCE_REUSED".equals(deposit.errorCode()))
                    .as("deposit answered %s", deposit).isTrue();
            assertThat(buy.status() == 201 || buy.status() == 401 && "AUTH.NONCE_REUSED".equals(buy.errorCode()))
                    .as("buy answered %s", buy).isTrue();
            resent += (deposit.resent() ? 1 : 0) + (buy.resent() ? 1 : 0);
            replays += (deposit.status() == 401 ? 1 : 0) + (buy.status() == 401 ? 1 : 0);
        }
        System.out.println("replica test: " + resent + " of " + 2 * BUYERS + " requests were sent again to the first instance, "
                + replays + " of them answered as replays of an attempt already taken");

        List<String> addresses = buyers.stream().map(Wallet::address).toList();
        Flows.await("every buyer's deal completed and its keys released", () -> {
            List<Object> market = Flows.eventsOf(Topics.ORDER_EVENTS, dataset);
            List<Object> registry = Flows.eventsOf(Topics.REGISTRY_EVENTS, Long.toString(dataId));
            Map<String, Long> created = perBuyer(market, DealCreated.class, DealCreated::getBuyer);
            Map<String, Long> completed = perBuyer(market, DealCompleted.class, DealCompleted::getBuyer);
            Map<String, Long> released = perBuyer(registry, KeysReleased.class, KeysReleased::getBuyer);
            for (String address : addresses) {
                assertThat(created.getOrDefault(address, 0L)).as("deals of " + address).isLessThanOrEqualTo(1);
                assertThat(completed.getOrDefault(address, 0L)).as("completions of " + address).isLessThanOrEqualTo(1);
                assertThat(released.getOrDefault(address, 0L)).as("key releases of " + address).isLessThanOrEqualTo(1);
            }
            return addresses.stream().allMatch(a -> created.containsKey(a) && completed.containsKey(a)
                    && released.containsKey(a)) ? true : null;
        });
        for (String address : addresses) {
            // credited 3.0000 once, paid 2.0000 once
            assertThat(flows.available(address)).as("available to " + address).isEqualTo(10_000L);
        }
    }

    /** How many events of {@code type} among {@code events} name each buyer. */
    private static <E> Map<String, Long> perBuyer(List<Object> events, Class<E> type, Function<E, String> buyer) {
        return events.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.groupingBy(buyer, Collectors.counting()));
    }

    /**
     * Sends a signed request to {@code first}; when it gives no answer (its instance stopped) or a
     * 503, sends the same signed request to {@code fallback} until that answers otherwise.
     */
    private static Answer sendUntilAnswered(SignedHttp first, SignedHttp fallback, Wallet signer, String path,
            Object body) throws InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        RequestSignature.SignedHeaders headers = signer.signRequest("POST", path, bytes, Clock.systemUTC());
        SignedHttp target = first;
        boolean resent = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                SignedHttp.Response response = target.send("POST", path, bytes, headers);
                if (response.status() != 503 || System.nanoTime() > deadline) {
                    return new Answer(response.status(), response.errorCode(), resent);
                }
            } catch (IllegalStateException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw unreachable;
                }
            }
            resent |= target == first && first != fallback;
            target = fallback;
            Thread.sleep(200);
        }
    }

    private static SignedHttp http(ConfigurableApplicationContext context) {
        return new SignedHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
