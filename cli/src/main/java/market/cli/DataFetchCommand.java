package market.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code market data fetch}: what a buyer does after paying. It opens the fragment keys released
 * to the wallet, then downloads, verifies and decrypts every fragment ({@link FragmentFetcher});
 * the file is renamed into place only when the whole matches {@code data_hash_original}.
 */
@Command(name = "fetch", description = "Download, verify and decrypt a dataset you bought (signed key read).")
final class DataFetchCommand implements Callable<Integer> {

    private static final Duration KEY_POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @ParentCommand
    DataCommands data;

    @Parameters(paramLabel = "DATA_ID", description = "The data_id.")
    long dataId;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the data.")
    Path out;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
            description = "How long to wait for the keys to be released (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() {
        Market market = data.market;
        return market.run(spec, printer -> {
            Wallet wallet = market.wallet();
            ServiceClient registry = market.registry();
            JsonNode release = new Polling(wait, KEY_POLL).whileRefused("REGISTRY.KEYS_NOT_RELEASED",
                    () -> registry.get("/v1/data/" + dataId + "/keys", wallet));
            JsonNode keys = KeysCommands.open(release, dataId, wallet).get("keys");
            JsonNode dataset = registry.get("/v1/data/" + dataId);
            List<JsonNode> fragments = new ArrayList<>();
            dataset.path("fragments").forEach(fragments::add);
            new FragmentFetcher(market, spec).fetch(dataId, fragments, no -> key(keys, no),
                    dataset.path("data_hash_original").asString(), out);
            printer.println("fetched data " + dataId + " into " + out + " (" + dataset.path("size").asLong()
                    + " bytes, data_hash_original " + dataset.path("data_hash_original").asString() + ")");
        });
    }

    static byte[] key(JsonNode keys, long fragmentNo) {
        for (JsonNode key : keys) {
            if (key.path("fragment_no").asLong() == fragmentNo) {
                return Hashes.fromHex(key.path("key").asString());
            }
        }
        throw new CliException("no key was released for fragment " + fragmentNo);
    }
}
