package market.cli;

import static market.cli.FakeService.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.DatasetOrderSigning.UnsignedOrder;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class OrderCommandsTest {

    private static final String DATASET = "0x" + "ab".repeat(20);
    private static final String CONTRACT = "0x" + "3e".repeat(20);
    private static final String DOMAIN = "{\"name\":\"iExecODB\",\"version\":\"5.0.0\",\"chainId\":134,"
            + "\"verifyingContract\":\"" + CONTRACT + "\"}";
    private static final String ORDER_HASH = "0x" + "5d".repeat(32);
    private static final String NOT_ON_SALE =
            "{\"errorCode\":\"ORDER.DATA_NOT_ON_SALE\",\"errorMsg\":\"The data is not on sale\"}";

    @TempDir
    Path home;

    private FakePlatform platform;

    @BeforeEach
    void startPlatform() throws Exception {
        platform = new FakePlatform(home).dataset(7, DATASET);
        platform.order.on("GET", "/v1/domain", reply(200, DOMAIN));
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private static String orderView(String status) {
        return "{\"orderHash\":\"" + ORDER_HASH + "\",\"dataset\":\"" + DATASET + "\",\"data_id\":7,"
                + "\"price\":\"2.0000 OSB\",\"volume\":10,\"remaining\":10,\"status\":\"" + status + "\"}";
    }

    private static UnsignedOrder signedFields(JsonNode body) {
        return new UnsignedOrder(body.get("dataset").stringValue(), body.get("datasetprice").longValue(),
                body.get("volume").longValue(), body.get("tag").stringValue(), body.get("apprestrict").stringValue(),
                body.get("workerpoolrestrict").stringValue(), body.get("requesterrestrict").stringValue(),
                body.get("salt").stringValue());
    }

    @Test
    void publishSignsTheOrderInTheOrderServicesDomainWithTheWallet() {
        platform.order.on("POST", "/v1/orders", reply(201, orderView("OPEN")));
        String requester = Wallet.create().address();

        CliRun run = platform.market("order", "publish", "7", "--price", "2 OSB", "--volume", "10",
                "--requester", "0x" + requester.substring(2).toUpperCase(Locale.ROOT));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        FakeService.Received request = platform.order.last();
        assertThat(request.pathWithQuery()).isEqualTo("/v1/orders");
        JsonNode body = request.json();
        assertThat(body.get("dataset").stringValue()).isEqualTo(DATASET);
        assertThat(body.get("datasetprice").isIntegralNumber()).isTrue();
        assertThat(body.get("datasetprice").longValue()).isEqualTo(20_000);
        assertThat(body.get("volume").isIntegralNumber()).isTrue();
        assertThat(body.get("volume").longValue()).isEqualTo(10);
        assertThat(body.get("tag").stringValue()).isEqualTo(HexOptions.ZERO_BYTES32);
        assertThat(body.get("apprestrict").stringValue()).isEqualTo(Addresses.ZERO);
        assertThat(body.get("workerpoolrestrict").stringValue()).isEqualTo(Addresses.ZERO);
        assertThat(body.get("requesterrestrict").stringValue()).isEqualTo(requester);
        assertThat(body.get("salt").stringValue()).matches("0x[0-9a-f]{64}").isNotEqualTo(HexOptions.ZERO_BYTES32);
        byte[] digest = new DatasetOrderSigning(BigInteger.valueOf(134), CONTRACT).digest(signedFields(body));
        assertThat(DatasetOrderSigning.recover(digest, body.get("sign").stringValue()))
                .isEqualTo(platform.wallet.address());
        assertThat(request.signer()).isEqualTo(platform.wallet.address());
        assertThat(run.out()).contains("\"orderHash\" : \"" + ORDER_HASH + "\"", "\"status\" : \"OPEN\"");
    }

    @Test
    void publishByAddressKeepsTheGivenTagAndSalt() {
        platform.order.on("POST", "/v1/orders", reply(201, orderView("OPEN")));
        String tag = "0x" + "0".repeat(63) + "1";
        String salt = "0x" + "C4".repeat(32);

        String upperCase = "0x" + DATASET.substring(2).toUpperCase(Locale.ROOT);

        CliRun run = platform.market("order", "publish", upperCase, "--price", "0.5 OSB", "--volume", "1", "--tag", tag,
                "--salt", salt);

        assertThat(run.exitCode()).isZero();
        assertThat(platform.registry.last().pathWithQuery()).isEqualTo("/v1/data/" + DATASET);
        JsonNode body = platform.order.last().json();
        assertThat(body.get("datasetprice").longValue()).isEqualTo(5_000);
        assertThat(body.get("tag").stringValue()).isEqualTo(tag);
        assertThat(body.get("salt").stringValue()).isEqualTo(salt.toLowerCase(Locale.ROOT));
        assertThat(body.get("requesterrestrict").stringValue()).isEqualTo(Addresses.ZERO);
    }

    @Test
    void publishRetriesWhileTheOrderServiceHasNotSeenTheDataOnSale() {
        platform.order.on("POST", "/v1/orders", reply(409, NOT_ON_SALE), reply(409, NOT_ON_SALE),
                reply(201, orderView("OPEN")));

        CliRun run = platform.market("order", "publish", "7", "--price", "2 OSB", "--volume", "10");

        assertThat(run.exitCode()).isZero();
        List<FakeService.Received> posts = platform.order.received("POST", "/v1/orders");
        assertThat(posts).hasSize(3);
        assertThat(posts.stream().map(p -> p.json().get("salt").stringValue()).distinct()).hasSize(1);
        assertThat(posts.stream().map(p -> p.header(RequestSignature.NONCE_HEADER)).distinct()).hasSize(3);
        assertThat(run.err().lines())
                .containsExactly("waiting for the order service to see data 7 on sale...");
        assertThat(run.out()).contains("\"status\" : \"OPEN\"");
    }

    @Test
    void publishWithoutWaitingReportsDataNotOnSale() {
        platform.order.on("POST", "/v1/orders", reply(409, NOT_ON_SALE));

        CliRun run = platform.market("order", "publish", "7", "--price", "2 OSB", "--volume", "10", "--wait", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: The data is not on sale (ORDER.DATA_NOT_ON_SALE)");
        assertThat(platform.order.received("POST", "/v1/orders")).hasSize(1);
    }

    @Test
    void publishRefusesAnOrderServiceThatSignsInAnotherDomain() {
        platform.order.on("GET", "/v1/domain", reply(200, DOMAIN.replace("5.0.0", "6.0.0")));

        CliRun run = platform.market("order", "publish", "7", "--price", "2 OSB", "--volume", "10");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the order service's domain is not iExecODB 5.0.0");
        assertThat(platform.order.received("POST", "/v1/orders")).isEmpty();
    }

    @Test
    void publishOfNoUnitsIsAUsageError() {
        CliRun run = platform.market("order", "publish", "7", "--price", "2 OSB", "--volume", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--volume must be at least 1");
        assertThat(platform.order.received()).isEmpty();
    }

    @Test
    void cancelIsADeleteOfTheOrderSignedByTheWallet() {
        platform.order.on("DELETE", "/v1/orders/" + ORDER_HASH, reply(200, orderView("CANCELLED")));

        CliRun run = platform.market("order", "cancel", ORDER_HASH);

        assertThat(run.exitCode()).isZero();
        FakeService.Received request = platform.order.last();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.pathWithQuery()).isEqualTo("/v1/orders/" + ORDER_HASH);
        assertThat(request.body()).isEmpty();
        assertThat(request.signer()).isEqualTo(platform.wallet.address());
        assertThat(run.out()).contains("\"status\" : \"CANCELLED\"");
    }

    @Test
    void showReadsOneOrderUnsigned() {
        platform.order.on("GET", "/v1/orders/" + ORDER_HASH, reply(200, orderView("OPEN")));

        CliRun run = platform.market("order", "show", ORDER_HASH);

        assertThat(run.exitCode()).isZero();
        assertThat(platform.order.last().header(RequestSignature.SIGNATURE_HEADER)).isNull();
        assertThat(run.out()).contains("\"orderHash\" : \"" + ORDER_HASH + "\"");
    }

    @Test
    void bookFiltersByTheAddressOfADatasetNamedByDataId() {
        platform.order.answer(200, "{\"items\":[],\"page\":1,\"size\":5,\"total\":0}");
        String provider = platform.wallet.address();

        CliRun run = platform.market("order", "book", "--dataset", "7", "--provider", provider, "--status", "OPEN",
                "--page", "1", "--size", "5");

        assertThat(run.exitCode()).isZero();
        assertThat(platform.order.last().pathWithQuery()).isEqualTo(
                "/v1/orders?dataset=" + DATASET + "&provider=" + provider + "&status=OPEN&page=1&size=5");
        assertThat(run.out()).contains("\"items\" : [ ]");
    }

    @Test
    void bookByDatasetAddressDoesNotAskTheRegistry() {
        platform.order.answer(200, "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");

        CliRun run = platform.market("order", "book", "--dataset", DATASET);

        assertThat(run.exitCode()).isZero();
        assertThat(platform.order.last().pathWithQuery()).isEqualTo("/v1/orders?dataset=" + DATASET);
        assertThat(platform.registry.received()).isEmpty();
    }

    @Test
    void aMalformedOrderHashOrStatusIsAUsageError() {
        CliRun cancel = platform.market("order", "cancel", "0x1234");
        CliRun book = platform.market("order", "book", "--status", "SOLD");

        assertThat(cancel.exitCode()).isEqualTo(2);
        assertThat(cancel.err()).contains("a bytes32 value is 0x and 64 hex digits");
        assertThat(book.exitCode()).isEqualTo(2);
        assertThat(book.err()).contains("Invalid value for option '--status'");
        assertThat(platform.order.received()).isEmpty();
    }
}
