package market.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.content.GatewayClient;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;
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
 * to the wallet, then downloads each fragment from a keeper that holds it, as a CAR whose every
 * block is checked against the CID that links to it, decrypts it segment by segment (a segment is
 * released only once its tag verifies), checks the fragment's {@code hash_original}, and appends
 * it to the output; a keeper that fails or serves a bad block is dropped for the next one. The
 * file is renamed into place only when the whole matches {@code data_hash_original}.
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

    private final GatewayClient gateway = new GatewayClient(Duration.ofMinutes(30));

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
            JsonNode storage = market.keeper().get("/v1/data/" + dataId + "/fragments");
            Path partial = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".part");
            try {
                Files.deleteIfExists(partial);
                for (JsonNode fragment : dataset.path("fragments")) {
                    long no = fragment.path("fragment_no").asLong();
                    fetchFragment(market, fragment, key(keys, no), sources(market, storage, fragment), partial);
                }
                String whole = Hashes.sha256Hex(partial);
                if (!whole.equals(dataset.path("data_hash_original").asString())) {
                    throw new CliException("the fragments decrypted, but the whole file does not match "
                            + "data_hash_original");
                }
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new CliException("cannot write " + out + ": " + e);
            } finally {
                deleteQuietly(partial);
            }
            printer.println("fetched data " + dataId + " into " + out + " (" + dataset.path("size").asLong()
                    + " bytes, data_hash_original " + dataset.path("data_hash_original").asString() + ")");
        });
    }

    /** Appends one fragment, from the first source that gives it whole and valid. */
    private void fetchFragment(Market market, JsonNode fragment, byte[] key, List<String> sources, Path partial)
            throws IOException {
        long no = fragment.path("fragment_no").asLong();
        Cid cid = Cid.parse(fragment.path("cid").asString());
        long start = Files.exists(partial) ? Files.size(partial) : 0;
        List<String> failures = new ArrayList<>();
        for (String source : sources) {
            Path sealed = Files.createTempFile(partial.getParent(), ".fragment-" + no, ".enc");
            Progress progress = new Progress(spec.commandLine().getErr(), "fetching fragment " + no + " from "
                    + source, fragment.path("size").asLong());
            try {
                download(source, cid, sealed, progress);
                String plainHash = decryptAppend(sealed, key, no, partial);
                if (!plainHash.equals(fragment.path("hash_original").asString())) {
                    throw new IOException("the decrypted fragment does not match its hash_original");
                }
                progress.finish();
                return;
            } catch (IOException e) {
                failures.add(source + ": " + e.getMessage());
                Market.note(spec, "fragment " + no + " from " + source + " failed (" + e.getMessage()
                        + "); trying the next keeper");
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    channel.truncate(start);
                }
            } finally {
                Files.deleteIfExists(sealed);
            }
        }
        throw new CliException("no keeper gave fragment " + no + " whole and valid: " + failures);
    }

    /** The fragment's CAR from {@code source}, each block checked against its CID, its file bytes into {@code sealed}. */
    private void download(String source, Cid cid, Path sealed, Progress progress) throws IOException {
        try (OutputStream file = Files.newOutputStream(sealed)) {
            gateway.walk(source, cid, new DagWalker.Visitor() {
                @Override
                public void block(Cid blockCid, byte[] block) {}

                @Override
                public void bytes(byte[] block, int offset, int length) throws IOException {
                    file.write(block, offset, length);
                    progress.add(length);
                }
            });
        }
    }

    /** Decrypts {@code sealed} onto the end of {@code partial}; answers the plain bytes' SHA-256. */
    private String decryptAppend(Path sealed, byte[] key, long fragmentNo, Path partial) throws IOException {
        MessageDigest sha = Hashes.sha256Digest();
        try (InputStream plain = SegmentedAead.decrypting(key, SegmentedAead.fragmentContext(dataId, fragmentNo),
                Files.newInputStream(sealed));
                OutputStream target = new DigestOutputStream(Files.newOutputStream(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), sha)) {
            plain.transferTo(target);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Where the fragment can be fetched: the keepers holding a replica, else every keeper of its cluster. */
    private static List<String> sources(Market market, JsonNode storage, JsonNode fragment) {
        List<String> sources = new ArrayList<>();
        long no = fragment.path("fragment_no").asLong();
        if (storage != null) {
            for (JsonNode f : storage.path("fragments")) {
                if (f.path("fragment_no").asLong() == no) {
                    f.path("replicas").forEach(r -> sources.add(url(r)));
                }
            }
        }
        if (sources.isEmpty()) {
            market.keeper().get("/v1/clusters/" + fragment.path("idfs_cluster_id").asLong()).path("keepers")
                    .forEach(k -> sources.add(url(k)));
        }
        if (sources.isEmpty()) {
            throw new CliException("no keeper holds fragment " + no);
        }
        return sources;
    }

    private static String url(JsonNode keeper) {
        return GatewayClient.nodeUrl(keeper.path("ipaddr").asString(), keeper.path("port").asInt());
    }

    private static byte[] key(JsonNode keys, long fragmentNo) {
        for (JsonNode key : keys) {
            if (key.path("fragment_no").asLong() == fragmentNo) {
                return Hashes.fromHex(key.path("key").asString());
            }
        }
        throw new CliException("no key was released for fragment " + fragmentNo);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to keep: the partial file is rebuilt from the keepers on the next run
        }
    }
}
