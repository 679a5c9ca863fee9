package market.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Properties;
import market.platform.crypto.Hashes;
import market.platform.signing.Keystore;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code market wallet}: keystores under a passphrase, plain files read with a warning, import, export and protect. */
class WalletCommandsTest {

    @TempDir
    Path home;

    @TempDir
    Path elsewhere;

    private Path keystore() {
        return home.resolve("wallet.json");
    }

    private Path plain() {
        return home.resolve("wallet.properties");
    }

    private Wallet openKeystore(Path file) throws Exception {
        return Keystore.decrypt(Files.readString(file), TestWallets.PASSPHRASE.toCharArray());
    }

    private static String privateKeyHex(Path plainFile) throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(plainFile)) {
            properties.load(reader);
        }
        return properties.getProperty("private_key");
    }

    @Test
    void createsAKeystoreAndShowsItsAddressAndPublicKeyButNeverItsPrivateKey() throws Exception {
        CliRun create = CliRun.market("--home", home.toString(), "wallet", "create", "--kdf", "light");
        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");

        assertThat(create.exitCode()).as(create.err()).isZero();
        Wallet wallet = openKeystore(keystore());
        assertThat(create.out()).contains("address: " + wallet.address()).contains(keystore().toString());
        assertThat(show.exitCode()).isZero();
        assertThat(show.err()).isEmpty();
        assertThat(show.out().lines()).containsExactly(
                "address: " + wallet.address(),
                "public_key: " + Hashes.toHex0x(wallet.publicKey()));
        assertThat(Files.exists(plain())).isFalse();
        // the light cost was asked for; the file names it
        assertThat(Files.readString(keystore())).contains("\"n\" : 4096");
        if (Files.getFileStore(keystore()).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore()))).isEqualTo("rw-------");
        }
    }

    @Test
    void aKeystoreDoesNotOpenWithoutItsPassphrase() throws Exception {
        TestWallets.save(Wallet.create(), home);
        Path wrong = elsewhere.resolve("wrong");
        Files.writeString(wrong, "not the passphrase\n");

        CliRun withWrong = CliRun.bare("--home", home.toString(), "--passphrase-file", wrong.toString(), "wallet", "show");
        assertThat(withWrong.exitCode()).isEqualTo(1);
        assertThat(withWrong.err()).contains("wrong passphrase");

        // no file, and (under a test runner) neither MARKET_PASSPHRASE nor a terminal
        if (System.getenv("MARKET_PASSPHRASE") == null && System.console() == null) {
            CliRun without = CliRun.bare("--home", home.toString(), "wallet", "show");
            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.err()).contains("needs a passphrase: set MARKET_PASSPHRASE");
        }
    }

    @Test
    void aPlainWalletIsStillReadWithAWarningAndProtectTurnsItIntoAKeystore() throws Exception {
        CliRun create = CliRun.market("--home", home.toString(), "wallet", "create", "--plain");
        assertThat(create.exitCode()).as(create.err()).isZero();
        Wallet wallet = Wallet.load(plain());
        String privateKey = privateKeyHex(plain());

        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");
        assertThat(show.out()).contains("address: " + wallet.address());
        assertThat(show.err()).contains("warning: " + plain() + " keeps its private key unprotected")
                .contains("market wallet protect");

        CliRun protect = CliRun.market("--home", home.toString(), "wallet", "protect", "--kdf", "light");
        assertThat(protect.exitCode()).as(protect.err()).isZero();
        assertThat(Files.exists(plain())).isFalse();
        assertThat(openKeystore(keystore()).address()).isEqualTo(wallet.address());
        assertThat(Files.readString(keystore())).doesNotContain(privateKey);
        CliRun after = CliRun.market("--home", home.toString(), "wallet", "show");
        assertThat(after.err()).isEmpty();
        assertThat(after.out()).contains("address: " + wallet.address());
        for (CliRun run : new CliRun[] {create, show, protect, after}) {
            assertThat(run.out() + run.err()).doesNotContainIgnoringCase(privateKey);
        }

        CliRun again = CliRun.market("--home", home.toString(), "wallet", "protect");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("exists already: the wallet is protected");
    }

    @Test
    void importsAKeystoreOfAnotherToolAsItIsAndExportsOneThatOpensElsewhere() throws Exception {
        Wallet theirs = Wallet.create();
        Path source = elsewhere.resolve("UTC--their-keystore.json");
        String json = Keystore.encrypt(theirs, TestWallets.PASSPHRASE.toCharArray(), Keystore.LIGHT)
                .replace("\"crypto\"", "\"Crypto\"");
        Files.writeString(source, json);

        CliRun imported = CliRun.market("--home", home.toString(), "wallet", "import", source.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("address: " + theirs.address());
        assertThat(Files.readString(keystore())).isEqualTo(json);

        Path exported = elsewhere.resolve("exported.json");
        CliRun export = CliRun.market("--home", home.toString(), "wallet", "export", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(openKeystore(exported).address()).isEqualTo(theirs.address());
        CliRun over = CliRun.market("--home", home.toString(), "wallet", "export", exported.toString());
        assertThat(over.exitCode()).isEqualTo(1);
        assertThat(over.err()).contains("exists already");

        CliRun second = CliRun.market("--home", home.toString(), "wallet", "import", source.toString());
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: a wallet already exists at " + keystore());
    }

    @Test
    void aPlainWalletIsSealedOnExport() throws Exception {
        Wallet wallet = Wallet.create();
        wallet.save(plain());
        Path exported = elsewhere.resolve("sealed.json");

        CliRun export = CliRun.market("--home", home.toString(), "wallet", "export", exported.toString(), "--kdf", "light");

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(openKeystore(exported).address()).isEqualTo(wallet.address());
        assertThat(Files.readString(exported)).doesNotContain(HexFormat.of().formatHex(
                HexFormat.of().parseHex(privateKeyHex(plain()))));
    }

    @Test
    void refusesToOverwriteAnExistingWalletOfEitherKind() throws Exception {
        CliRun.market("--home", home.toString(), "wallet", "create", "--kdf", "light");
        String before = Files.readString(keystore());

        CliRun second = CliRun.market("wallet", "create", "--home", home.toString(), "--plain");

        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: a wallet already exists at " + keystore());
        assertThat(Files.readString(keystore())).isEqualTo(before);
        assertThat(Files.exists(plain())).isFalse();
    }

    @Test
    void aBadImportIsRefusedAndWritesNothing() throws Exception {
        Path notKeystore = elsewhere.resolve("notes.json");
        Files.writeString(notKeystore, "{\"version\":1}");

        CliRun run = CliRun.market("--home", home.toString(), "wallet", "import", notKeystore.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not a version 3 keystore");
        assertThat(Files.exists(keystore())).isFalse();
    }

    @Test
    void tellsHowToCreateAMissingWallet() {
        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err().strip()).isEqualTo("error: no wallet in " + home
                + " (wallet.json or wallet.properties): run `market wallet create`");
    }

    @Test
    void doesNotQuoteAMalformedPrivateKey() throws Exception {
        String broken = "private_key=zz" + "ab".repeat(31) + "\n";
        Files.writeString(plain(), broken);

        CliRun show = CliRun.market("--home", home.toString(), "wallet", "show");

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("private_key is not a valid").doesNotContain("abab");
    }
}
