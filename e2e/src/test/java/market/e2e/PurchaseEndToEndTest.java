package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.crypto.Addresses;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The purchase saga across registry, order and settlement services on one real broker: a
 * provider registers data and pays its storage fee, publishes a signed order; buyers deposit,
 * buy, settlement pays, the registry releases the keys, and the buyer decrypts them. After every
 * test the ledger is conserved: all balances equal deposits minus withdrawals.
 */
class PurchaseEndToEndTest extends EndToEndTest {

    private static final long PRICE = 20_000;

    @Test
    void aBuyerDecryptsTheKeysItPaidFor() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        List<String> keys = List.of("key-one-" + UUID.randomUUID(), "key-two-" + UUID.randomUUID());
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, keys);
        long dataId = data.get("data_id").longValue();
        long fee = market.platform.money.Money.parse(data.get("totalStorageFee").stringValue()).units();
        assertThat(data.get("status").intValue()).isZero();
        assertThat(flows.available(provider.address())).isEqualTo(10_000 - fee);
        String dataset = data.get("address").stringValue();
        JsonNode order = flows.publishOrder(provider, dataset, PRICE, 5, Addresses.ZERO);
        assertThat(order.get("status").stringValue()).isEqualTo("OPEN");
        flows.deposit(buyer.address(), "3.0000 OSB");

        JsonNode deal = flows.buy(buyer, dataset, "2.5000 OSB").expect(201).json();
        assertThat(deal.get("status").stringValue()).isEqualTo("PENDING_PAYMENT");
        assertThat(deal.get("price").stringValue()).isEqualTo("2.0000 OSB");
        long dealId = deal.get("deal_id").longValue();
        JsonNode completed = flows.awaitDeal(dealId, "COMPLETED");
        assertThat(completed.get("settled_at").isNull()).isFalse();

        JsonNode released = flows.awaitKeys(buyer, dataId);
        assertThat(released.get("deal_id").longValue()).isEqualTo(dealId);
        assertThat(Flows.openKeys(buyer, released)).containsExactlyElementsOf(keys);

        assertThat(flows.available(buyer.address())).isEqualTo(30_000 - PRICE);
        assertThat(flows.available(provider.address())).isEqualTo(10_000 - fee + PRICE);
        assertThat(platform.order().get("/v1/orders/" + order.get("orderHash").stringValue()).expect(200).json()
                .get("remaining").longValue()).isEqualTo(4);
        assertThat(flows.buy(buyer, dataset, "2.5000 OSB").expect(409).errorMsg())
                .isEqualTo("The data has already been purchased");
    }

    @Test
    void onlyTheBuyerReadsItsKeys() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, List.of("secret-" + UUID.randomUUID()));
        long dataId = data.get("data_id").longValue();
        flows.publishOrder(provider, data.get("address").stringValue(), PRICE, 1, Addresses.ZERO);
        flows.deposit(buyer.address(), "2.0000 OSB");
        long dealId = flows.buy(buyer, data.get("address").stringValue(), "2.0000 OSB").expect(201).json()
                .get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        flows.awaitKeys(buyer, dataId);

        String path = "/v1/data/" + dataId + "/keys";
        assertThat(platform.registry().signed(Wallet.create(), "GET", path, new byte[0]).expect(404).errorCode())
                .isEqualTo("REGISTRY.KEYS_NOT_RELEASED");
        assertThat(platform.registry().get(path).expect(401).errorCode()).isEqualTo("AUTH.UNSIGNED");
    }

    @Test
    void aBuyerWithoutFundsGetsACancelledDealAndTheVolumeBack() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        String orderHash = flows.publishOrder(provider, dataset, PRICE, 1, Addresses.ZERO).get("orderHash").stringValue();
        long providerBefore = flows.available(provider.address());
        flows.deposit(buyer.address(), "1.9999 OSB");

        long dealId = flows.buy(buyer, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue();
        JsonNode cancelled = flows.awaitDeal(dealId, "CANCELLED");

        assertThat(cancelled.get("reason").stringValue()).isEqualTo("insufficient funds");
        JsonNode order = platform.order().get("/v1/orders/" + orderHash).expect(200).json();
        assertThat(order.get("remaining").longValue()).isEqualTo(1);
        assertThat(order.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(flows.available(buyer.address())).isEqualTo(19_999);
        assertThat(flows.available(provider.address())).isEqualTo(providerBefore);
        assertThat(platform.settlement().get("/v1/accounts/" + buyer.address() + "/entries").expect(200).json()
                .get("total").longValue()).as("only the deposit is booked").isEqualTo(1);
    }

    @Test
    void aProviderWithoutFundsForTheFeeGetsAFailedRegistration() {
        Wallet provider = Wallet.create();
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        assertThat(data.get("status").intValue()).isEqualTo(4);
        assertThat(data.get("failure_reason").stringValue()).isEqualTo("insufficient funds");
        assertThat(flows.buy(Wallet.create(), data.get("address").stringValue(), "2.0000 OSB").expect(409).errorMsg())
                .isEqualTo("The data is not on sale");
    }

    @Test
    void removingDataClosesItsOpenOrdersAndKeepsTheKeysOfPaidBuyers() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        long dataId = data.get("data_id").longValue();
        String dataset = data.get("address").stringValue();
        String orderHash = flows.publishOrder(provider, dataset, PRICE, 3, Addresses.ZERO).get("orderHash")
                .stringValue();
        long dealId = flows.buy(buyer, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");

        platform.registry().delete(provider, "/v1/data/" + dataId).expect(200);

        JsonNode closed = Flows.await("order " + orderHash + " closed", () -> {
            JsonNode order = platform.order().get("/v1/orders/" + orderHash).expect(200).json();
            return order.get("status").stringValue().equals("CLOSED") ? order : null;
        });
        assertThat(closed.get("remaining").longValue()).isEqualTo(2);
        assertThat(flows.buy(Wallet.create(), dataset, "2.0000 OSB").expect(409).errorMsg())
                .isEqualTo("The data is not on sale");
        assertThat(flows.awaitKeys(buyer, dataId).get("deal_id").longValue()).isEqualTo(dealId);
    }

    @Test
    void theProviderCancelsItsOrderAndNobodyCanBuyFromIt() {
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        String orderHash = flows.publishOrder(provider, dataset, PRICE, 2, Addresses.ZERO).get("orderHash")
                .stringValue();

        JsonNode cancelled = platform.order().delete(provider, "/v1/orders/" + orderHash).expect(200).json();

        assertThat(cancelled.get("status").stringValue()).isEqualTo("CANCELLED");
        assertThat(platform.order().delete(provider, "/v1/orders/" + orderHash).expect(200).json().get("status")
                .stringValue()).as("cancelling again changes nothing").isEqualTo("CANCELLED");
        Wallet buyer = Wallet.create();
        flows.deposit(buyer.address(), "2.0000 OSB");
        assertThat(flows.buy(buyer, dataset, "2.0000 OSB").expect(409).errorMsg()).isEqualTo("The data is not on sale");
        assertThat(flows.available(buyer.address())).isEqualTo(PRICE);
    }

    @Test
    void aHundredBuyersRaceForTenUnitsAndExactlyTenPay() throws Exception {
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        String orderHash = flows.publishOrder(provider, dataset, PRICE, 10, Addresses.ZERO).get("orderHash").stringValue();
        long providerBefore = flows.available(provider.address());
        List<Wallet> buyers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Wallet buyer = Wallet.create();
            flows.deposit(buyer.address(), "2.0000 OSB");
            buyers.add(buyer);
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<SignedHttp.Response>> answers = new ArrayList<>();
        for (Wallet buyer : buyers) {
            answers.add(pool.submit(() -> flows.buy(buyer, dataset, "2.0000 OSB")));
        }
        List<Long> deals = new ArrayList<>();
        int notOnSale = 0;
        for (Future<SignedHttp.Response> answer : answers) {
            SignedHttp.Response response = answer.get();
            if (response.status() == 201) {
                deals.add(response.json().get("deal_id").longValue());
            } else {
                assertThat(response.status()).as(response.body()).isEqualTo(409);
                assertThat(response.errorMsg()).isEqualTo("The data is not on sale");
                notOnSale++;
            }
        }
        pool.shutdown();

        assertThat(deals).hasSize(10);
        assertThat(notOnSale).isEqualTo(90);
        deals.forEach(dealId -> flows.awaitDeal(dealId, "COMPLETED"));
        JsonNode order = platform.order().get("/v1/orders/" + orderHash).expect(200).json();
        assertThat(order.get("remaining").longValue()).isZero();
        assertThat(order.get("status").stringValue()).isEqualTo("FILLED");
        assertThat(flows.available(provider.address())).isEqualTo(providerBefore + 10 * PRICE);
        long paid = buyers.stream().filter(b -> flows.available(b.address()) == 0).count();
        long unpaid = buyers.stream().filter(b -> flows.available(b.address()) == PRICE).count();
        assertThat(paid).isEqualTo(10);
        assertThat(unpaid).isEqualTo(90);
    }
}
