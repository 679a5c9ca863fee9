package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import market.platform.crypto.Addresses;
import market.platform.crypto.Hashes;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input on the order, buy and key endpoints: malformed, unsigned, forged and replayed
 * requests, negative and overflowing amounts, and someone else's order each get a 4xx with
 * {@code {errorCode, errorMsg}}, and no event of the dataset is written.
 */
class OrderBadInputEndToEndTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Wallet PROVIDER = Wallet.create();
    private static final Wallet STRANGER = Wallet.create();
    private static String dataset;
    private static String orderHash;

    @BeforeAll
    static void registerDataWithAnOrder() {
        flows.deposit(PROVIDER.address(), "1.0000 OSB");
        dataset = flows.register(PROVIDER, List.of("k-" + UUID.randomUUID())).get("address").stringValue();
        orderHash = flows.publishOrder(PROVIDER, dataset, 20_000, 2, Addresses.ZERO).get("orderHash").stringValue();
    }

    private static long eventsOfDataset() {
        return Flows.orderEventsOf(dataset);
    }

    private static void refused(SignedHttp.Response response, int status, String errorCode) {
        Flows.refused(response, status, errorCode);
    }

    private static Map<String, Object> order(Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(flows.signedOrder(PROVIDER, dataset, 20_000, 1, Addresses.ZERO));
        body.putAll(changes);
        return body;
    }

    @Test
    void badOrdersAreRefusedAndWriteNothing() {
        long before = eventsOfDataset();
        SignedHttp order = platform.order();
        refused(order.signed(PROVIDER, "POST", "/v1/orders", "{\"dataset\":".getBytes()), 400, "REQUEST.MALFORMED_JSON");
        refused(order.send("POST", "/v1/orders", JSON.writeValueAsBytes(order(Map.of())), null), 401, "AUTH.UNSIGNED");
        byte[] body = JSON.writeValueAsBytes(order(Map.of()));
        RequestSignature.SignedHeaders real = PROVIDER.signRequest("POST", "/v1/orders", body, Clock.systemUTC());
        RequestSignature.SignedHeaders forged = new RequestSignature.SignedHeaders(PROVIDER.address(), real.timestamp(),
                real.nonce(), STRANGER.signRequest("POST", "/v1/orders", body, Clock.systemUTC()).signature());
        refused(order.send("POST", "/v1/orders", body, forged), 401, "AUTH.BAD_SIGNATURE");
        order.send("POST", "/v1/orders", body, real).expect(201);
        refused(order.send("POST", "/v1/orders", body, real), 401, "AUTH.NONCE_REUSED");
        refused(order.post(PROVIDER, "/v1/orders", order(Map.of("datasetprice", -1))), 400, "REQUEST.INVALID_FIELD");
        refused(order.post(PROVIDER, "/v1/orders", order(Map.of("datasetprice", 0))), 400, "ORDER.INVALID_PRICE");
        refused(order.post(PROVIDER, "/v1/orders", order(Map.of("datasetprice", new java.math.BigInteger("1" + "0".repeat(30))))),
                400, "REQUEST.INVALID_FIELD");
        refused(order.post(PROVIDER, "/v1/orders", order(Map.of("volume", 0))), 400, "ORDER.INVALID_VOLUME");
        refused(order.post(PROVIDER, "/v1/orders", order(Map.of("sign", "0x1234"))), 400, "REQUEST.INVALID_FIELD");
        refused(order.post(PROVIDER, "/v1/orders", order(Map.of("extra", 1))), 400, "REQUEST.UNKNOWN_FIELD");
        refused(order.post(STRANGER, "/v1/orders", order(Map.of())), 403, "ORDER.SIGNATURE_MISMATCH");
        refused(order.post(STRANGER, "/v1/orders", flows.signedOrder(STRANGER, dataset, 20_000, 1, Addresses.ZERO)),
                403, "ORDER.NOT_PROVIDER");
        refused(order.delete(STRANGER, "/v1/orders/" + orderHash), 403, "ORDER.NOT_OWNER");
        refused(order.delete(PROVIDER, "/v1/orders/0x1234"), 400, "REQUEST.INVALID_PARAMETER");
        refused(order.delete(PROVIDER, "/v1/orders/0x" + "ab".repeat(32)), 404, "ORDER.NOT_FOUND");
        refused(order.get("/v1/orders?status=LOST"), 400, "REQUEST.INVALID_PARAMETER");
        assertThat(eventsOfDataset()).as("only the one accepted order was written").isEqualTo(before + 1);
    }

    @Test
    void badBuyRequestsAreRefusedAndWriteNothing() {
        long before = eventsOfDataset();
        Wallet buyer = Wallet.create();
        SignedHttp order = platform.order();
        refused(order.post(buyer, "/v1/deals", withChange(buyer, "maxprice", "-1.0000 OSB")), 400, "ORDER.INVALID_PRICE");
        refused(order.post(buyer, "/v1/deals", withChange(buyer, "maxprice", "999999999999999999.0000 OSB")), 400,
                "REQUEST.INVALID_FIELD");
        refused(order.post(buyer, "/v1/deals", withChange(buyer, "maxprice", 2)), 400, "REQUEST.INVALID_FIELD");
        refused(order.post(buyer, "/v1/deals", withChange(buyer, "buyer_key", Hashes.toHex0x(STRANGER.publicKey()))),
                400, "ORDER.BUYER_KEY_MISMATCH");
        refused(order.post(buyer, "/v1/deals", withChange(buyer, "buyer", STRANGER.address())), 403,
                "ORDER.BUYER_NOT_SIGNER");
        refused(order.post(buyer, "/v1/deals", withChange(buyer, "dataset", "not-an-address")), 400,
                "REQUEST.INVALID_FIELD");
        refused(order.send("POST", "/v1/deals", JSON.writeValueAsBytes(Flows.buyBody(buyer, dataset, "2.0000 OSB")),
                null), 401, "AUTH.UNSIGNED");
        refused(order.post(PROVIDER, "/v1/deals", Flows.buyBody(PROVIDER, dataset, "2.0000 OSB")), 403,
                "ORDER.OWN_DATA");
        refused(order.post(buyer, "/v1/deals", Flows.buyBody(buyer, dataset, "1.0000 OSB")), 409, "ORDER.NO_MATCH");
        refused(order.post(buyer, "/v1/deals", Flows.buyBody(buyer, Wallet.create().address(), "2.0000 OSB")), 409,
                "ORDER.DATA_NOT_ON_SALE");
        refused(order.get("/v1/deals/abc"), 400, "REQUEST.INVALID_PARAMETER");
        refused(order.get("/v1/deals/12345"), 404, "ORDER.DEAL_NOT_FOUND");
        refused(platform.registry().signed(buyer, "GET", "/v1/data/0/keys", new byte[0]), 400,
                "REQUEST.INVALID_PARAMETER");
        assertThat(eventsOfDataset()).isEqualTo(before);
    }

    private static Map<String, Object> withChange(Wallet buyer, String field, Object value) {
        Map<String, Object> body = new HashMap<>(Flows.buyBody(buyer, dataset, "2.0000 OSB"));
        body.put(field, value);
        return body;
    }

    @Test
    void theOrderBookFiltersByDatasetProviderAndStatus() {
        JsonNode mine = platform.order().get("/v1/orders?provider=" + PROVIDER.address() + "&status=OPEN").expect(200)
                .json();
        assertThat(mine.get("items")).isNotEmpty();
        mine.get("items").forEach(o -> assertThat(o.get("provider").stringValue()).isEqualTo(PROVIDER.address()));
        JsonNode any = platform.order().get("/v1/orders?dataset=any&provider=any&status=any").expect(200).json();
        assertThat(any.get("total").longValue()).isGreaterThanOrEqualTo(mine.get("total").longValue());
    }
}
