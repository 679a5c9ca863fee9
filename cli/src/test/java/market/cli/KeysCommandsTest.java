package market.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static market.cli.FakeService.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import market.platform.crypto.Ecies;
import market.platform.crypto.Hashes;
import market.platform.crypto.KeyRelease;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KeysCommandsTest {

    private static final String NOT_RELEASED = "{\"errorCode\":\"REGISTRY.KEYS_NOT_RELEASED\","
            + "\"errorMsg\":\"No keys of this data are released to you\"}";

    @TempDir
    Path home;

    @TempDir
    Path outDir;

    private FakePlatform platform;

    @BeforeEach
    void startPlatform() throws Exception {
        platform = new FakePlatform(home);
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    /** The registry's release of data 3 to {@code buyer}: fragment n's key is {@code key-text-n}. */
    private String release(byte[] buyerKey) {
        return "{\"data_id\":3,\"deal_id\":2,\"buyer\":\"" + platform.wallet.address() + "\",\"keys\":["
                + "{\"fragment_no\":1,\"wrapped_key\":\"" + box(buyerKey, 1) + "\"},"
                + "{\"fragment_no\":2,\"wrapped_key\":\"" + box(buyerKey, 2) + "\"}]}";
    }

    private static String box(byte[] buyerKey, int fragmentNo) {
        return Hashes.toHex0x(Ecies.encrypt(buyerKey, ("key-text-" + fragmentNo).getBytes(UTF_8),
                KeyRelease.context(3, fragmentNo)));
    }

    @Test
    void fetchWaitsForTheReleaseAndOpensTheKeysWithTheWallet() {
        platform.registry.on("GET", "/v1/data/3/keys", reply(404, NOT_RELEASED),
                reply(200, release(platform.wallet.publicKey())));

        CliRun run = platform.market("keys", "fetch", "3");

        assertThat(run.exitCode()).isZero();
        assertThat(platform.registry.received()).hasSize(2);
        FakeService.Received request = platform.registry.last();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathWithQuery()).isEqualTo("/v1/data/3/keys");
        assertThat(request.body()).isEmpty();
        assertThat(request.signer()).isEqualTo(platform.wallet.address());
        JsonNode keys = JsonMapper.builder().build().readTree(run.out());
        assertThat(keys.get("data_id").longValue()).isEqualTo(3);
        assertThat(keys.get("deal_id").longValue()).isEqualTo(2);
        assertThat(keys.get("keys").get(0).get("fragment_no").longValue()).isEqualTo(1);
        assertThat(keys.get("keys").get(0).get("key").stringValue()).isEqualTo("key-text-1");
        assertThat(keys.get("keys").get(1).get("key").stringValue()).isEqualTo("key-text-2");
    }

    @Test
    void fetchWritesTheKeysToAFileReadableByItsOwnerOnly() throws Exception {
        platform.registry.on("GET", "/v1/data/3/keys", reply(200, release(platform.wallet.publicKey())));
        Path file = outDir.resolve("keys.json");

        CliRun run = platform.market("keys", "fetch", "3", "--out", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("saved 2 keys to " + file + "\n");
        JsonNode keys = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(keys.get("keys").get(1).get("key").stringValue()).isEqualTo("key-text-2");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var files = Files.list(outDir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aKeyWrappedToAnotherWalletDoesNotOpen() {
        platform.registry.on("GET", "/v1/data/3/keys", reply(200, release(Wallet.create().publicKey())));

        CliRun run = platform.market("keys", "fetch", "3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: the key of fragment 1 does not open with this wallet");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withoutWaitingKeysNotYetReleasedAreReported() {
        platform.registry.on("GET", "/v1/data/3/keys", reply(404, NOT_RELEASED));

        CliRun run = platform.market("keys", "fetch", "3", "--wait", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("error: No keys of this data are released to you (REGISTRY.KEYS_NOT_RELEASED)");
        assertThat(platform.registry.received()).hasSize(1);
    }

    @Test
    void aNegativeWaitIsAUsageError() {
        CliRun run = platform.market("keys", "fetch", "3", "--wait", "-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--wait'", "a wait is 0 to 86400 seconds");
        assertThat(platform.registry.received()).isEmpty();
    }
}
