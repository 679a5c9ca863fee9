package market.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletCommandsTest {

    @TempDir
    Path home;

    private Path walletFile() {
        return home.resolve("wallet.properties");
    }

    private String privateKeyHex() throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(walletFile())) {
            properties.load(reader);
        }
        return properties.getProperty("private_key");
    }

    @Test
    void createsAWalletAndShowsItsAddressAndPublicKeyButNeverItsPrivateKey() throws Exception {
        CliRun create = CliRun.market("--home", home.toString(), "wallet", "create");
        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");

        Wallet wallet = Wallet.load(walletFile());
        assertThat(create.exitCode()).isZero();
        assertThat(create.out()).contains("address: " + wallet.address()).contains(walletFile().toString());
        assertThat(show.exitCode()).isZero();
        assertThat(show.out().lines()).containsExactly(
                "address: " + wallet.address(),
                "public_key: " + Hashes.toHex0x(wallet.publicKey()));
        assertThat(show.out()).matches("(?s).*public_key: 0x[0-9a-f]{128}\\R");
        String privateKey = privateKeyHex();
        assertThat(privateKey).hasSize(64);
        for (CliRun run : new CliRun[] {create, show}) {
            assertThat(run.out() + run.err()).doesNotContainIgnoringCase(privateKey);
        }
    }

    @Test
    void keepsTheKeyFileReadableByItsOwnerOnly() throws Exception {
        CliRun.market("--home", home.toString(), "wallet", "create");

        if (Files.getFileStore(walletFile()).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(walletFile())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void refusesToOverwriteAnExistingWallet() throws Exception {
        CliRun.market("--home", home.toString(), "wallet", "create");
        String before = Files.readString(walletFile());

        CliRun second = CliRun.market("wallet", "create", "--home", home.toString());

        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: a wallet already exists at " + walletFile());
        assertThat(Files.readString(walletFile())).isEqualTo(before);
    }

    @Test
    void tellsHowToCreateAMissingWallet() {
        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err().strip())
                .isEqualTo("error: no wallet at " + walletFile() + ": run `market wallet create`");
    }

    @Test
    void doesNotQuoteAMalformedPrivateKey() throws Exception {
        String broken = "private_key=zz" + "ab".repeat(31) + "\n";
        Files.writeString(walletFile(), broken);

        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("private_key is not a valid").doesNotContain("abab");
    }
}
