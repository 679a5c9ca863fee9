package market.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import market.platform.crypto.Hashes;
import market.platform.signing.Keystore;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code market wallet}: the account's secp256k1 key, kept in {@code <home>/wallet.json} as an
 * Ethereum keystore v3 file under a passphrase, so it moves to and from other Ethereum tools
 * ({@code import}, {@code export}). It creates the key (never over an existing one), shows the
 * address and public key, and turns a plain {@code wallet.properties} into a keystore
 * ({@code protect}); the private key is never printed.
 */
@Command(name = "wallet", description = "Create, show, import, export or protect the account key in <home>.")
final class WalletCommands extends CommandGroup {

    @ParentCommand
    Market market;

    /** How costly the passphrase is to try: scrypt's parameters. */
    enum Kdf {
        standard(Keystore.STANDARD), light(Keystore.LIGHT);

        final Keystore.ScryptParams params;

        Kdf(Keystore.ScryptParams params) {
            this.params = params;
        }
    }

    @Command(name = "create", description = "Create a new key pair and save it, readable by you only: a keystore "
            + "under a passphrase (MARKET_PASSPHRASE, --passphrase-file, or asked twice), or with --plain a plain "
            + "key file for an unattended machine account.")
    int create(@Option(names = "--plain", description = "Write a plain wallet.properties (the key unprotected) "
                    + "instead of a keystore.") boolean plain,
            @Option(names = "--kdf", defaultValue = "standard", paramLabel = "standard|light",
                    description = "scrypt cost: standard (2^17, about a second) or light (2^12, for throwaway "
                            + "accounts). Default: ${DEFAULT-VALUE}.") Kdf kdf) {
        return market.run(spec, out -> {
            refuseSecond();
            Wallet wallet = Wallet.create();
            Path file;
            if (plain) {
                file = market.home.resolve(WalletFiles.PLAIN);
                try {
                    wallet.save(file);
                } catch (FileAlreadyExistsException e) {
                    throw refuseOverwrite(file);
                } catch (IOException e) {
                    throw new CliException("cannot write " + file + ": " + e.getMessage());
                }
            } else {
                file = market.walletFile();
                WalletFiles.writeNew(file, seal(wallet, kdf));
            }
            out.println("address: " + wallet.address());
            out.println("file: " + file.toAbsolutePath() + (plain
                    ? " (holds the private key unprotected: keep it secret, back it up)"
                    : " (a keystore: back it up, and keep its passphrase; neither opens the account without the other)"));
        });
    }

    @Command(name = "show", description = "Show the wallet's address and 64-byte public key.")
    int show() {
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            out.println("address: " + wallet.address());
            out.println("public_key: " + Hashes.toHex0x(wallet.publicKey()));
        });
    }

    @Command(name = "import", description = "Take a keystore v3 file made by another Ethereum tool (geth, ethers.js, "
            + "MetaMask) as this home's wallet; it is opened with its passphrase first, and kept as it is.")
    int importKeystore(@Parameters(paramLabel = "FILE", description = "The keystore JSON file.") Path source) {
        return market.run(spec, out -> {
            refuseSecond();
            if (!Files.isRegularFile(source)) {
                throw new CliException("no file at " + source);
            }
            String json = WalletFiles.readKeystore(source);
            Wallet wallet = WalletFiles.openKeystore(source, market.passphrase());
            WalletFiles.writeNew(market.walletFile(), json);
            out.println("address: " + wallet.address());
            out.println("file: " + market.walletFile().toAbsolutePath());
        });
    }

    @Command(name = "export", description = "Write the wallet as a keystore v3 file that other Ethereum tools load; "
            + "a plain wallet is sealed under a passphrase on the way.")
    int exportKeystore(@Parameters(paramLabel = "FILE", description = "Where to write it (not over a file).") Path target,
            @Option(names = "--kdf", defaultValue = "standard", paramLabel = "standard|light",
                    description = "scrypt cost when a plain wallet is sealed. Default: ${DEFAULT-VALUE}.") Kdf kdf) {
        return market.run(spec, out -> {
            Path keystore = market.walletFile();
            String json;
            Wallet wallet;
            if (Files.exists(keystore)) {
                json = WalletFiles.readKeystore(keystore);
                wallet = WalletFiles.openKeystore(keystore, market.passphrase());
            } else {
                wallet = market.wallet();
                json = seal(wallet, kdf);
            }
            WalletFiles.writeNew(target, json);
            out.println("address: " + wallet.address());
            out.println("file: " + target.toAbsolutePath());
        });
    }

    @Command(name = "protect", description = "Seal a plain wallet.properties into a keystore under a passphrase, "
            + "then delete the plain file.")
    int protect(@Option(names = "--kdf", defaultValue = "standard", paramLabel = "standard|light",
            description = "scrypt cost. Default: ${DEFAULT-VALUE}.") Kdf kdf) {
        return market.run(spec, out -> {
            Path plain = market.home.resolve(WalletFiles.PLAIN);
            Path keystore = market.walletFile();
            if (Files.exists(keystore)) {
                throw new CliException(keystore + " exists already: the wallet is protected"
                        + (Files.exists(plain) ? "; " + plain + " is left as it is" : ""));
            }
            if (!Files.exists(plain)) {
                throw new CliException("no plain wallet at " + plain);
            }
            Wallet wallet = WalletFiles.openPlain(plain);
            char[] passphrase = market.passphrase().read(true);
            try {
                WalletFiles.writeNew(keystore, Keystore.encrypt(wallet, passphrase, kdf.params));
                // the keystore as written must open to the same account before the plain key is gone
                Wallet reopened = Keystore.decrypt(WalletFiles.readKeystore(keystore), passphrase);
                if (!reopened.address().equals(wallet.address())) {
                    throw new Keystore.KeystoreException("it opens to another account");
                }
            } catch (Keystore.KeystoreException e) {
                try {
                    Files.deleteIfExists(keystore);
                } catch (IOException delete) {
                    throw new CliException(keystore + " does not open to " + wallet.address() + " and could not be "
                            + "deleted (" + delete + "): delete it; " + plain + " is kept");
                }
                throw new CliException(keystore + " did not open to " + wallet.address() + " (" + e.getMessage()
                        + ") and is deleted; " + plain + " is kept");
            } finally {
                Arrays.fill(passphrase, ' ');
            }
            try {
                Files.delete(plain);
            } catch (IOException e) {
                throw new CliException("the keystore is written, but " + plain + " could not be deleted: " + e);
            }
            out.println("address: " + wallet.address());
            out.println("file: " + keystore.toAbsolutePath() + " (" + plain.getFileName() + " deleted)");
        });
    }

    private String seal(Wallet wallet, Kdf kdf) {
        char[] passphrase = market.passphrase().read(true);
        try {
            return Keystore.encrypt(wallet, passphrase, kdf.params);
        } finally {
            Arrays.fill(passphrase, ' ');
        }
    }

    private void refuseSecond() {
        for (String name : new String[] {WalletFiles.KEYSTORE, WalletFiles.PLAIN}) {
            Path file = market.home.resolve(name);
            if (Files.exists(file)) {
                throw refuseOverwrite(file);
            }
        }
    }

    private static CliException refuseOverwrite(Path file) {
        return new CliException("a wallet already exists at " + file
                + ": it is not replaced, because its key would be lost; use another --home for a second account");
    }
}
