package market.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import market.platform.signing.Keystore;
import market.platform.signing.Wallet;

/**
 * The wallet files of a home folder and their passphrase. A wallet is an Ethereum keystore v3
 * file, {@code wallet.json}, opened with a passphrase from {@code --passphrase-file}, else the
 * environment variable named (such as {@code MARKET_PASSPHRASE}), else a prompt on the terminal.
 * A plain {@code wallet.properties} of earlier versions (and of the machine accounts the local
 * launcher makes) is still read; for the user's own account with a warning that
 * {@code market wallet protect} converts it.
 */
final class WalletFiles {

    static final String KEYSTORE = "wallet.json";
    static final String PLAIN = "wallet.properties";

    /**
     * Where a passphrase comes from: a file ({@code --passphrase-file}, where {@code fileOption}
     * says it applies), an environment variable, or the terminal.
     */
    record Passphrase(Path file, boolean fileOption, String variable, String purpose) {

        /** The passphrase; {@code confirm} asks twice on a terminal, for a new one. */
        char[] read(boolean confirm) {
            if (file != null) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line = reader.readLine();
                    return nonEmpty(line == null ? new char[0] : line.toCharArray());
                } catch (IOException e) {
                    throw new CliException("cannot read the passphrase file " + file + ": " + e.getMessage());
                }
            }
            String value = System.getenv(variable);
            if (value != null) {
                return nonEmpty(value.toCharArray());
            }
            Console console = System.console();
            if (console == null) {
                throw new CliException(purpose + " needs a passphrase: set " + variable
                        + (fileOption ? ", give --passphrase-file," : "") + " or run market in a terminal to be asked");
            }
            char[] first = nonEmpty(console.readPassword("passphrase for %s: ", purpose));
            if (confirm) {
                char[] second = console.readPassword("the same passphrase again: ");
                boolean same = Arrays.equals(first, second);
                Arrays.fill(second, ' ');
                if (!same) {
                    Arrays.fill(first, ' ');
                    throw new CliException("the two passphrases differ; nothing was written");
                }
            }
            return first;
        }

        private static char[] nonEmpty(char[] passphrase) {
            if (passphrase == null || passphrase.length == 0) {
                throw new CliException("the passphrase is empty");
            }
            return passphrase;
        }
    }

    private WalletFiles() {}

    /**
     * The wallet of {@code home}: its keystore opened with {@code passphrase}, or its plain file
     * ({@code warn}, when not null, says so); {@code whenMissing} tells how to get one.
     */
    static Wallet open(Path home, Passphrase passphrase, PrintWriter warn, String whenMissing) {
        Path keystore = home.resolve(KEYSTORE);
        if (Files.exists(keystore)) {
            return openKeystore(keystore, passphrase);
        }
        Path plain = home.resolve(PLAIN);
        if (Files.exists(plain)) {
            if (warn != null) {
                warn.println("warning: " + plain + " keeps its private key unprotected; `market wallet protect` "
                        + "turns it into a passphrase-protected keystore");
                warn.flush();
            }
            return openPlain(plain);
        }
        throw new CliException("no wallet in " + home + " (" + KEYSTORE + " or " + PLAIN + "): " + whenMissing);
    }

    static Wallet openKeystore(Path file, Passphrase passphrase) {
        String json = readKeystore(file);
        char[] secret = passphrase.read(false);
        try {
            return Keystore.decrypt(json, secret);
        } catch (Keystore.KeystoreException e) {
            throw new CliException(file + ": " + e.getMessage());
        } finally {
            Arrays.fill(secret, ' ');
        }
    }

    static String readKeystore(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new CliException(file + " is too large for a keystore");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Wallet openPlain(Path file) {
        try {
            return Wallet.load(file);
        } catch (IOException e) {
            throw new CliException("cannot read the wallet: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // the message of a malformed key may quote part of it, so it is not shown
            throw new CliException(file + ": private_key is not a valid 32-byte secp256k1 key in hex");
        }
    }

    /** Whether {@code home} holds a wallet of either kind. */
    static boolean exists(Path home) {
        return Files.exists(home.resolve(KEYSTORE)) || Files.exists(home.resolve(PLAIN));
    }

    /** Writes a new keystore file readable by its owner only, in a folder created owner-only; never over a file. */
    static void writeNew(Path file, String content) {
        try {
            Wallet.writeNewSecret(file, content);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(file + " exists already: it is not replaced");
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
