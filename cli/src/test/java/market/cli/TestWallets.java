package market.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import market.platform.signing.Keystore;
import market.platform.signing.Wallet;

/**
 * Wallets of the CLI tests: keystores under one test passphrase, kept in a file that every
 * {@link CliRun#market} run is given with {@code --passphrase-file} (scrypt's light cost, since
 * each test opens them).
 */
final class TestWallets {

    static final String PASSPHRASE = "cli test passphrase";
    static final Path PASSPHRASE_FILE = passphraseFile();

    private TestWallets() {}

    /** Writes {@code wallet} as the keystore of {@code home}. */
    static void save(Wallet wallet, Path home) {
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve(WalletFiles.KEYSTORE),
                    Keystore.encrypt(wallet, PASSPHRASE.toCharArray(), Keystore.LIGHT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path passphraseFile() {
        try {
            Path file = Files.createTempFile("market-cli-test", ".passphrase");
            Files.writeString(file, PASSPHRASE + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
