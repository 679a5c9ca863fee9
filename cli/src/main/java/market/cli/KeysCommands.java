package market.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import market.platform.crypto.Hashes;
import market.platform.crypto.KeyRelease;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market keys}: a buyer's fragment keys. After a deal completes the registry releases the
 * keys, each wrapped (ECIES) to the public key the buyer named in the deal; {@code fetch} reads
 * them with a GET signed by the wallet, waiting while they are not released yet, and opens them
 * with the wallet under {@link KeyRelease#context}. The plain keys go to stdout, or to a file
 * readable by its owner only.
 */
@Command(name = "keys", description = "Fetch the fragment keys of a dataset you bought.")
final class KeysCommands extends CommandGroup {

    private static final Duration EVERY = Duration.ofMillis(500);

    @ParentCommand
    Market market;

    @Command(name = "fetch", description = "Fetch and open the keys released to this wallet (signed read).")
    int fetch(@Parameters(paramLabel = "DATA_ID", description = "The data_id.") long dataId,
            @Option(names = "--out", paramLabel = "FILE",
                    description = "Write the keys to FILE, readable by you only, instead of stdout.") Path file,
            @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
                    description = "How long to wait for the keys to be released; 0 asks once "
                            + "(default: ${DEFAULT-VALUE}).") Duration wait) {
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            ServiceClient registry = market.registry();
            JsonNode release = new Polling(wait, EVERY).whileRefused("REGISTRY.KEYS_NOT_RELEASED",
                    () -> registry.get("/v1/data/" + dataId + "/keys", wallet));
            ObjectNode keys = open(release, dataId, wallet);
            if (file == null) {
                Market.print(out, keys);
            } else {
                OwnerOnlyFiles.write(file, Json.bytes(keys));
                out.println("saved " + keys.get("keys").size() + " keys to " + file);
            }
        });
    }

    static ObjectNode open(JsonNode release, long dataId, Wallet wallet) {
        java.util.Map<Long, byte[]> boxes = openBoxes(release, dataId, wallet);
        ObjectNode opened = Json.object();
        opened.put("data_id", dataId);
        if (release.path("deal_id").isIntegralNumber()) {
            opened.put("deal_id", release.get("deal_id").longValue());
        }
        ArrayNode list = opened.putArray("keys");
        boxes.forEach((fragmentNo, plain) ->
                list.addObject().put("fragment_no", fragmentNo).put("key", new String(plain, StandardCharsets.UTF_8)));
        return opened;
    }

    /** Each released box opened with the wallet under {@link KeyRelease#context}, by fragment_no, in release order. */
    static java.util.Map<Long, byte[]> openBoxes(JsonNode release, long dataId, Wallet wallet) {
        if (release == null || !release.path("keys").isArray()) {
            throw new CliException("the registry answered without keys");
        }
        java.util.Map<Long, byte[]> opened = new java.util.LinkedHashMap<>();
        for (JsonNode key : release.get("keys")) {
            long fragmentNo = key.path("fragment_no").asLong();
            try {
                byte[] box = Hashes.fromHex(key.path("wrapped_key").asString(""));
                opened.put(fragmentNo, wallet.decrypt(box, KeyRelease.context(dataId, fragmentNo)));
            } catch (IllegalArgumentException e) {
                throw new CliException("the key of fragment " + fragmentNo + " does not open with this wallet");
            }
        }
        return opened;
    }
}
