package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import market.platform.crypto.Hashes;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input on the DataShare order endpoints of a product on sale: malformed, unsigned, forged
 * and replayed requests, another account named as the consumer, a key that is not the
 * consumer's, bad orderSeqs, unknown products and fields, and decisions by anyone but the
 * provider each get a 4xx with {@code {errorCode, errorMsg}}, and no event of the product's
 * market is written.
 */
class DataShareOrderBadInputEndToEndTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Wallet PROVIDER = Wallet.create();
    private static final Wallet CONSUMER = Wallet.create();
    private static final Wallet STRANGER = Wallet.create();
    private static final String PATH = "/v1/datashare/orders";
    private static String productId;
    private static String dataset;

    @BeforeAll
    static void publishAProduct() throws Exception {
        flows.deposit(PROVIDER.address(), "1.0000 OSB");
        Path home = Cli.home(PROVIDER);
        Path data = home.resolve("data.bin");
        Files.write(data, new byte[5000]);
        productId = "bad-input-" + System.nanoTime();
        Cli.run(platform, home, "datashare", "publish", "--product-id", productId, "--name", "Bad input", "--file",
                data.toString(), "--price", "1.0000 OSB", "--cluster", Long.toString(platform.storageCluster()));
        dataset = platform.registry().get("/v1/datashare/dataset?provider=" + PROVIDER.address() + "&productID="
                + productId).expect(200).json().get("address").stringValue();
        // the order service has seen the product on sale once an application by someone is answered on its merits
        Flows.await("the product's market to open", () -> {
            SignedHttp.Response own = platform.order().post(PROVIDER, PATH, application(PROVIDER, "probe"));
            return "ORDER.OWN_DATA".equals(own.errorCode()) ? own : null;
        });
    }

    private static Map<String, Object> application(Wallet consumer, String orderSeq) {
        Map<String, Object> body = new HashMap<>();
        body.put("orderSeq", orderSeq);
        body.put("provider", "did:ethr:" + PROVIDER.address());
        body.put("productID", productId);
        body.put("buyer_key", Hashes.toHex0x(consumer.publicKey()));
        body.put("reason", "research");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static long eventsOfProduct() {
        return Flows.orderEventsOf(dataset);
    }

    private static void refused(SignedHttp.Response response, int status, String errorCode) {
        Flows.refused(response, status, errorCode);
    }

    @Test
    void badApplicationsAreRefusedAndWriteNothing() {
        long before = eventsOfProduct();
        SignedHttp order = platform.order();
        Map<String, Object> good = application(CONSUMER, "good-1");
        refused(order.signed(CONSUMER, "POST", PATH, "{\"orderSeq\":".getBytes(StandardCharsets.UTF_8)), 400,
                "REQUEST.MALFORMED_JSON");
        byte[] body = JSON.writeValueAsBytes(good);
        refused(order.send("POST", PATH, body, null), 401, "AUTH.UNSIGNED");
        RequestSignature.SignedHeaders real = CONSUMER.signRequest("POST", PATH, body, Clock.systemUTC());
        RequestSignature.SignedHeaders forged = new RequestSignature.SignedHeaders(CONSUMER.address(), real.timestamp(),
                real.nonce(), STRANGER.signRequest("POST", PATH, body, Clock.systemUTC()).signature());
        refused(order.send("POST", PATH, body, forged), 401, "AUTH.BAD_SIGNATURE");
        order.send("POST", PATH, body, real).expect(201);
        refused(order.send("POST", PATH, body, real), 401, "AUTH.NONCE_REUSED");
        refused(order.post(CONSUMER, PATH, with(good, "consumer", STRANGER.address())), 403, "ORDER.CONSUMER_NOT_SIGNER");
        refused(order.post(CONSUMER, PATH, with(good, "buyer_key", Hashes.toHex0x(STRANGER.publicKey()))), 400,
                "ORDER.BUYER_KEY_MISMATCH");
        refused(order.post(CONSUMER, PATH, with(good, "orderSeq", "-starts-with-a-dash")), 400, "ORDER.INVALID_ORDER_SEQ");
        refused(order.post(CONSUMER, PATH, with(good, "orderSeq", "x".repeat(65))), 400, "ORDER.INVALID_ORDER_SEQ");
        refused(order.post(CONSUMER, PATH, with(good, "provider", "did:ethr:not-an-address")), 400,
                "REQUEST.INVALID_PARAMETER");
        refused(order.post(CONSUMER, PATH, with(good, "sk", "-----BEGIN PRIVATE KEY-----")), 400,
                "REQUEST.UNKNOWN_FIELD");
        refused(order.post(CONSUMER, PATH, with(good, "reason", 7)), 400, "REQUEST.INVALID_FIELD");
        refused(order.post(CONSUMER, PATH, with(good, "reason", "r".repeat(1025))), 400, "ORDER.INVALID_REASON");
        refused(order.post(CONSUMER, PATH, with(with(good, "productID", "no-such-product"), "orderSeq", "other-1")), 404,
                "ORDER.PRODUCT_NOT_FOUND");
        // an orderSeq already used for one product is not used for another
        refused(order.post(CONSUMER, PATH, with(good, "productID", "no-such-product")), 409, "ORDER.ORDER_SEQ_TAKEN");
        refused(order.post(PROVIDER, PATH, application(PROVIDER, "own")), 403, "ORDER.OWN_DATA");
        // the orderSeq names one application; one open application per consumer and product
        refused(order.post(CONSUMER, PATH, with(good, "reason", "another")), 409, "ORDER.ORDER_SEQ_TAKEN");
        refused(order.post(CONSUMER, PATH, application(CONSUMER, "good-2")), 409, "ORDER.APPLICATION_OPEN");
        // the same application again is answered with the order and writes nothing
        assertThat(order.post(CONSUMER, PATH, good).expect(201).json().get("status").stringValue()).isEqualTo("request");
        assertThat(eventsOfProduct()).as("only the one accepted application was written").isEqualTo(before + 1);
    }

    @Test
    void badDecisionsAndReadsAreRefusedAndWriteNothing() {
        Wallet consumer = Wallet.create();
        SignedHttp order = platform.order();
        order.post(consumer, PATH, application(consumer, "d-1")).expect(201);
        long before = eventsOfProduct();
        Map<String, Object> decision = Map.of("consumer", consumer.address(), "orderSeq", "d-1", "approve", true);
        refused(order.post(STRANGER, PATH + "/authorize", decision), 403, "ORDER.NOT_PROVIDER");
        refused(order.post(consumer, PATH + "/authorize", decision), 403, "ORDER.NOT_PROVIDER");
        refused(order.post(PROVIDER, PATH + "/authorize", with(decision, "approve", "yes")), 400,
                "REQUEST.INVALID_FIELD");
        refused(order.post(PROVIDER, PATH + "/authorize", with(decision, "orderSeq", "d-404")), 404,
                "ORDER.ORDER_NOT_FOUND");
        refused(order.post(PROVIDER, PATH + "/authorize", with(decision, "consumer", "0x1234")), 400,
                "REQUEST.INVALID_PARAMETER");
        byte[] body = JSON.writeValueAsBytes(decision);
        refused(order.send("POST", PATH + "/authorize", body, null), 401, "AUTH.UNSIGNED");
        RequestSignature.SignedHeaders theirs = STRANGER.signRequest("POST", PATH + "/authorize", body, Clock.systemUTC());
        refused(order.send("POST", PATH + "/authorize", body, new RequestSignature.SignedHeaders(PROVIDER.address(),
                theirs.timestamp(), theirs.nonce(), theirs.signature())), 401, "AUTH.BAD_SIGNATURE");
        // a withdrawal names the signer's own orderSeq only
        refused(order.post(STRANGER, PATH + "/withdraw", Map.of("orderSeq", "d-1")), 404, "ORDER.ORDER_NOT_FOUND");
        refused(order.post(STRANGER, PATH + "/withdraw", Map.of("orderSeq", "d-1", "consumer", consumer.address())), 403,
                "ORDER.CONSUMER_NOT_SIGNER");
        refused(order.get(PATH + "/" + consumer.address() + "/-bad"), 400, "REQUEST.INVALID_PARAMETER");
        refused(order.get(PATH + "/0x12/d-1"), 400, "REQUEST.INVALID_PARAMETER");
        refused(order.get(PATH + "/" + consumer.address() + "/d-404"), 404, "ORDER.ORDER_NOT_FOUND");
        refused(order.get(PATH + "?status=open"), 400, "REQUEST.INVALID_PARAMETER");
        refused(order.get(PATH + "?pageSizeNum=1000"), 400, "REQUEST.INVALID_PARAMETER");
        assertThat(eventsOfProduct()).isEqualTo(before);
        // the provider's own list holds the order, waiting
        var listed = order.get(PATH + "?provider=" + PROVIDER.address() + "&consumer=" + consumer.address()
                + "&status=request").expect(200).json();
        assertThat(listed.get("total").longValue()).isEqualTo(1);
        assertThat(listed.get("orders").get(0).get("orderSeq").stringValue()).isEqualTo("d-1");
        assertThat(listed.get("orders").get(0).get("consumer").stringValue()).isEqualTo("did:ethr:" + consumer.address());
    }
}
