package market.registry.datashare.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import market.platform.signing.Wallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's own storage account: it signs the uploads of the fragments the registry
 * encrypted from a DataShare {@code plainData}, as the uploader the provider's publish names. It
 * never signs for the provider: keeper-service and the nodes accept it only for those fragments.
 * The key comes from configuration (hex), or is generated on first start into
 * {@code <data-dir>/storage-agent.key}, readable by its owner only.
 */
public final class StorageAgent {

    private static final Logger log = LoggerFactory.getLogger(StorageAgent.class);

    private final Wallet wallet;

    StorageAgent(Wallet wallet) {
        this.wallet = wallet;
    }

    public static StorageAgent load(String configuredHex, Path dataDir) {
        if (configuredHex != null && !configuredHex.isBlank()) {
            return new StorageAgent(Wallet.fromPrivateKey(configuredHex));
        }
        Path file = dataDir.resolve("storage-agent.key");
        try {
            if (!Files.exists(file)) {
                Wallet fresh = Wallet.create();
                fresh.save(file);
                log.info("generated the registry's storage account {} in {}", fresh.address(), file);
            }
            return new StorageAgent(Wallet.load(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the storage account key " + file, e);
        }
    }

    public String address() {
        return wallet.address();
    }

    Wallet wallet() {
        return wallet;
    }

    @Override
    public String toString() {
        return "StorageAgent[" + wallet.address() + "]";
    }
}
