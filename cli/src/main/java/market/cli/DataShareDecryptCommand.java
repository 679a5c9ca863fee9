package market.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeCiphertext;
import market.platform.crypto.abe.AbeException;
import market.platform.crypto.abe.AbeUserKey;
import market.platform.crypto.abe.CpAbe;
import market.platform.signing.Wallet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code market datashare decrypt}: a bought product, decrypted on this machine only. The keys
 * released to the wallet are opened with it (ECIES); for {@code category: abe} each opens to an
 * ABE ciphertext, which only an attribute key ({@code --abe-key}, from {@code abekey fetch})
 * whose attributes satisfy the product's policy opens. Then the data fragments are downloaded,
 * verified and decrypted ({@link FragmentFetcher}) and checked against the product's dataHash.
 */
@Command(name = "decrypt", description = "Download and decrypt a product you bought, on this machine (signed key read).")
final class DataShareDecryptCommand implements Callable<Integer> {

    private static final Duration KEY_POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @ParentCommand
    DataShareCommands datashare;

    @Option(names = "--product-id", required = true, paramLabel = "ID", description = "productID.")
    String productId;

    @ArgGroup(exclusive = true)
    DataShareCommands.Owner owner;

    @Option(names = "--abe-key", paramLabel = "FILE", description = "Your attribute key, for a product of category abe.")
    Path abeKey;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the data.")
    Path out;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
            description = "How long to wait for the keys to be released (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() {
        Market market = datashare.market;
        return market.run(spec, printer -> {
            JsonNode product = datashare.product(owner, productId);
            long dataId = product.path("data_id").asLong();
            boolean abe = product.path("category").asString().equals("abe");
            if (abe && abeKey == null) {
                throw new CliException("product " + productId + " is of category abe: give your attribute key with --abe-key");
            }
            AbeUserKey userKey = abe ? userKey() : null;
            Wallet wallet = market.wallet();
            JsonNode release = new Polling(wait, KEY_POLL).whileRefused("REGISTRY.KEYS_NOT_RELEASED",
                    () -> market.registry().get("/v1/data/" + dataId + "/keys", wallet));
            Map<Long, byte[]> keys = new HashMap<>();
            KeysCommands.openBoxes(release, dataId, wallet).forEach((no, opened) -> keys.put(no, Hashes.fromHex(
                    new String(abe ? abeOpen(userKey, opened) : opened, java.nio.charset.StandardCharsets.UTF_8))));
            List<Long> numbers = new ArrayList<>();
            product.path("dataFiles").forEach(f -> numbers.add(f.path("fragment_no").asLong()));
            new FragmentFetcher(market, spec).fetch(dataId, DataShareCommands.fragments(market, dataId, numbers), no -> {
                byte[] key = keys.get(no);
                if (key == null) {
                    throw new CliException("no key was released for fragment " + no);
                }
                return key;
            }, product.path("dataHash").asString(), out);
            printer.println("decrypted " + productId + " into " + out + " (" + product.path("dataSize").asString()
                    + " bytes, dataHash " + product.path("dataHash").asString() + ")");
        });
    }

    private AbeUserKey userKey() {
        try {
            return AbeUserKey.decode(Hashes.fromHex(Files.readString(abeKey).trim()));
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + abeKey);
        } catch (IOException e) {
            throw new CliException("cannot read " + abeKey + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new CliException(abeKey + " is not an attribute key: " + e.getMessage());
        }
    }

    private static byte[] abeOpen(AbeUserKey key, byte[] sealed) {
        try {
            return CpAbe.decrypt(key, AbeCiphertext.decode(sealed));
        } catch (AbeException e) {
            throw new CliException("your attribute key does not open this product: " + e.getMessage());
        }
    }
}
