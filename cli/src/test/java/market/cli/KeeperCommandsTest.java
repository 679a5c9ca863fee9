package market.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeeperCommandsTest {

    @TempDir
    Path home;

    private Wallet wallet;
    private FakeService keeper;

    @BeforeEach
    void createWalletAndService() throws Exception {
        wallet = Wallet.create();
        TestWallets.save(wallet, home);
        keeper = FakeService.answering(201, "{\"cluster_id\":7}");
    }

    @AfterEach
    void stopService() {
        keeper.close();
    }

    private CliRun market(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--keeper-url", keeper.url()));
        all.addAll(List.of(args));
        return CliRun.market(all.toArray(String[]::new));
    }

    @Test
    void clusterAddSendsOnlyTheHashOfTheSecret() throws Exception {
        byte[] secret = "the cluster's secret key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(home.resolve("cluster.secret"), secret);

        CliRun run = market("cluster", "add", "--secret-file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        FakeService.Received request = keeper.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathWithQuery()).isEqualTo("/v1/clusters");
        assertThat(request.json().get("cluster_key_hash").stringValue()).isEqualTo(Hashes.sha256Hex(secret));
        assertThat(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("the cluster's secret key");
        assertThat(request.signer()).isEqualTo(wallet.address());
        assertThat(run.out()).contains("\"cluster_id\" : 7");
    }

    @Test
    void clusterAddTakesExactlyOneOfHashAndSecretFile() {
        assertThat(market("cluster", "add").exitCode()).isEqualTo(2);
        assertThat(market("cluster", "add", "--key-hash", "a".repeat(64), "--secret-file", "x").exitCode()).isEqualTo(2);
        assertThat(keeper.received()).isEmpty();
    }

    @Test
    void keeperAddSignsWithTheWalletAndSendsItsPublicKey() {
        CliRun run = market("keeper", "add", "--capacity", "1073741824", "--cluster", "7", "--ipaddr", "127.0.0.1",
                "--port", "4001");

        assertThat(run.exitCode()).as(run.err()).isZero();
        FakeService.Received request = keeper.last();
        assertThat(request.pathWithQuery()).isEqualTo("/v1/keepers");
        assertThat(request.json().get("idfs_public_key").stringValue()).isEqualTo(Hashes.toHex0x(wallet.publicKey()));
        assertThat(request.json().get("capacity").longValue()).isEqualTo(1073741824L);
        assertThat(request.json().get("cluster_id").longValue()).isEqualTo(7);
        assertThat(request.json().get("port").longValue()).isEqualTo(4001);
        assertThat(request.signer()).isEqualTo(wallet.address());
    }

    @Test
    void keeperShowReadsTheWalletsOwnKeeperByDefault() {
        keeper.answer(200, "{\"idfs_account\":\"" + wallet.address() + "\"}");

        CliRun run = market("keeper", "show");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(keeper.last().pathWithQuery()).isEqualTo("/v1/keepers/" + wallet.address());
        assertThat(keeper.last().header("X-Market-Signature")).isNull();
    }

    @Test
    void auditShowReadsADatasetsOrAKeepersAudits() {
        keeper.answer(200, "{\"items\":[{\"outcome\":\"passed\"}]}");

        assertThat(market("audit", "show", "--data", "42").exitCode()).isZero();
        assertThat(keeper.last().pathWithQuery()).isEqualTo("/v1/data/42/audits");
        assertThat(market("audit", "show").exitCode()).isZero();
        assertThat(keeper.last().pathWithQuery()).isEqualTo("/v1/keepers/" + wallet.address() + "/audits");
        assertThat(market("audit", "show", "--data", "42", "--keeper", wallet.address()).exitCode()).isEqualTo(2);
    }

    @Test
    void placementsWaitWhileKeeperServiceHasNotPlacedTheData() {
        keeper.on("GET", "/v1/data/42/placements",
                FakeService.reply(404, "{\"errorCode\":\"KEEPER.PLACEMENT_NOT_FOUND\",\"errorMsg\":\"not yet\"}"),
                FakeService.reply(200, "{\"data_id\":42,\"fragments\":[]}"));

        CliRun run = market("data", "placements", "--id", "42", "--wait", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"data_id\" : 42");
        assertThat(keeper.received()).hasSize(2);
    }

    @Test
    void rewardClaimSignsTheClaimAndWaitsForSettlementToPayIt() {
        String claims = "/v1/keepers/" + wallet.address() + "/claims";
        keeper.on("POST", "/v1/claims", FakeService.reply(201,
                "{\"claim_id\":9,\"data_id\":42,\"quantity\":\"0.0012 OSB\",\"status\":\"pending\"}"));
        keeper.on("GET", claims,
                FakeService.reply(200, "{\"items\":[{\"claim_id\":9,\"status\":\"pending\"}]}"),
                FakeService.reply(200, "{\"items\":[{\"claim_id\":8,\"status\":\"paid\"},"
                        + "{\"claim_id\":9,\"status\":\"paid\",\"quantity\":\"0.0012 OSB\"}]}"));

        CliRun run = market("reward", "claim", "42", "--storage-period", "2", "--wait", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        FakeService.Received post = keeper.received().get(0);
        assertThat(post.pathWithQuery()).isEqualTo("/v1/claims");
        assertThat(post.json().get("data_id").longValue()).isEqualTo(42);
        assertThat(post.json().get("storagePeriod").longValue()).isEqualTo(2);
        assertThat(post.signer()).isEqualTo(wallet.address());
        assertThat(run.out()).contains("\"status\" : \"paid\"").contains("0.0012 OSB");
        assertThat(run.err()).contains("waiting for settlement");
    }

    @Test
    void aClaimWaitsForAnAuditedDayWhileThereIsNothingToClaim() {
        keeper.on("POST", "/v1/claims",
                FakeService.reply(409, "{\"errorCode\":\"KEEPER.NOTHING_TO_CLAIM\",\"errorMsg\":\"No audited storage "
                        + "day is left to claim\"}"),
                FakeService.reply(201, "{\"claim_id\":9,\"status\":\"paid\"}"));

        CliRun run = market("reward", "claim", "42", "--storage-period", "2", "--wait", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(keeper.received()).hasSize(2);
        assertThat(keeper.received().get(0).header("X-Market-Nonce"))
                .isNotEqualTo(keeper.received().get(1).header("X-Market-Nonce"));
        assertThat(run.err()).contains("nothing to claim yet");
    }

    @Test
    void aClaimSettlementRefusedFailsWithTheReason() {
        keeper.on("POST", "/v1/claims", FakeService.reply(201, "{\"claim_id\":9,\"status\":\"pending\"}"));
        keeper.on("GET", "/v1/keepers/" + wallet.address() + "/claims", FakeService.reply(200,
                "{\"items\":[{\"claim_id\":9,\"status\":\"rejected\",\"reason\":\"insufficient funds\"}]}"));

        CliRun run = market("reward", "claim", "42", "--storage-period", "2", "--wait", "5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("settlement refused claim 9: insufficient funds");
    }

    @Test
    void rewardShowReadsAKeepersOrADatasetsRewards() {
        keeper.answer(200, "{\"items\":[]}");

        assertThat(market("reward", "show").exitCode()).isZero();
        assertThat(keeper.last().pathWithQuery()).isEqualTo("/v1/keepers/" + wallet.address() + "/rewards");
        assertThat(market("reward", "show", "--data", "42").exitCode()).isZero();
        assertThat(keeper.last().pathWithQuery()).isEqualTo("/v1/data/42/rewards");
        assertThat(market("reward", "claims").exitCode()).isZero();
        assertThat(keeper.last().pathWithQuery()).isEqualTo("/v1/keepers/" + wallet.address() + "/claims");
    }
}
