package market.cli;

import static market.cli.FakeService.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import market.platform.crypto.Hashes;
import market.platform.signing.RequestSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class BuyCommandTest {

    private static final String DATASET = "0x" + "ab".repeat(20);

    @TempDir
    Path home;

    private FakePlatform platform;

    @BeforeEach
    void startPlatform() throws Exception {
        platform = new FakePlatform(home).dataset(7, DATASET);
        platform.order.on("POST", "/v1/deals", reply(201, deal("PENDING_PAYMENT", null)));
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private static String deal(String status, String reason) {
        return "{\"deal_id\":5,\"dataset\":\"" + DATASET + "\",\"data_id\":7,\"price\":\"2.0000 OSB\",\"status\":\""
                + status + "\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    @Test
    void buyNamesTheWalletsPublicKeyAndFollowsTheDealUntilItIsCompleted() {
        platform.order.on("GET", "/v1/deals/5", reply(200, deal("PENDING_PAYMENT", null)),
                reply(200, deal("COMPLETED", null)));

        CliRun run = platform.market("buy", "7", "--max-price", "2 OSB");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        FakeService.Received request = platform.order.received("POST", "/v1/deals").get(0);
        JsonNode body = request.json();
        assertThat(body.get("buyer").stringValue()).isEqualTo(platform.wallet.address());
        assertThat(body.get("dataset").stringValue()).isEqualTo(DATASET);
        assertThat(body.get("maxprice").stringValue()).isEqualTo("2.0000 OSB");
        assertThat(body.get("buyer_key").stringValue()).isEqualTo(Hashes.toHex0x(platform.wallet.publicKey()))
                .matches("0x[0-9a-f]{128}");
        assertThat(body.get("tag").stringValue()).isEqualTo(HexOptions.ZERO_BYTES32);
        assertThat(body.get("salt").stringValue()).matches("0x[0-9a-f]{64}");
        assertThat(request.signer()).isEqualTo(platform.wallet.address());
        assertThat(platform.order.received("GET", "/v1/deals/5")).hasSize(2);
        assertThat(run.out()).contains("\"status\" : \"COMPLETED\"").doesNotContain("PENDING_PAYMENT");
    }

    @Test
    void aCancelledDealIsShownAndExitsOneWithTheReason() {
        platform.order.on("GET", "/v1/deals/5", reply(200, deal("CANCELLED", "insufficient funds")));

        CliRun run = platform.market("buy", "7", "--max-price", "2 OSB");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("\"status\" : \"CANCELLED\"");
        assertThat(run.err().strip()).isEqualTo("error: deal 5 was cancelled: insufficient funds");
    }

    @Test
    void withoutWaitingThePendingDealIsShownWithANote() {
        CliRun run = platform.market("buy", DATASET, "--max-price", "2 OSB", "--wait", "0");

        assertThat(run.exitCode()).isZero();
        assertThat(platform.order.received("GET", "/v1/deals/5")).isEmpty();
        assertThat(run.out()).contains("\"status\" : \"PENDING_PAYMENT\"");
        assertThat(run.err().strip())
                .isEqualTo("deal 5 is still pending payment; follow it with `market deal show 5`");
    }

    @Test
    void aDatasetTheRegistryDoesNotKnowIsNotBought() {
        platform.registry.answer(404,
                "{\"errorCode\":\"REGISTRY.DATA_NOT_FOUND\",\"errorMsg\":\"The data does not exist\"}");

        CliRun run = platform.market("buy", "8", "--max-price", "2 OSB");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: The data does not exist (REGISTRY.DATA_NOT_FOUND)");
        assertThat(platform.order.received()).isEmpty();
    }

    @Test
    void dealShowReadsTheDealUnsigned() {
        platform.order.on("GET", "/v1/deals/5", reply(200, deal("COMPLETED", null)));

        CliRun run = platform.market("deal", "show", "5");

        assertThat(run.exitCode()).isZero();
        assertThat(platform.order.last().pathWithQuery()).isEqualTo("/v1/deals/5");
        assertThat(platform.order.last().header(RequestSignature.SIGNATURE_HEADER)).isNull();
        assertThat(run.out()).contains("\"deal_id\" : 5");
    }
}
