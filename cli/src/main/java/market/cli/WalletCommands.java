package market.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code market wallet}: the account's secp256k1 key in {@code <home>/wallet.properties}. It
 * creates the key file (never over an existing one) and shows the address and public key; the
 * private key is never printed.
 */
@Command(name = "wallet", description = "Create or show the account key in <home>/wallet.properties.")
final class WalletCommands extends CommandGroup {

    @ParentCommand
    Market market;

    @Command(name = "create", description = "Create a new key pair and save it, readable by you only.")
    int create() {
        return market.run(spec, out -> {
            Path file = market.walletFile();
            if (Files.exists(file)) {
                throw refuseOverwrite(file);
            }
            Wallet wallet = Wallet.create();
            try {
                wallet.save(file);
            } catch (FileAlreadyExistsException e) {
                throw refuseOverwrite(file);
            } catch (IOException e) {
                throw new CliException("cannot write " + file + ": " + e.getMessage());
            }
            out.println("address: " + wallet.address());
            out.println("file: " + file.toAbsolutePath() + " (holds the private key: keep it secret, back it up)");
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

    private static CliException refuseOverwrite(Path file) {
        return new CliException("a wallet already exists at " + file
                + ": it is not replaced, because its key would be lost; use another --home for a second account");
    }
}
