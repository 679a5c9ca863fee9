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
import java.util.function.LongFunction;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.content.GatewayClient;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * Downloads fragments of a dataset in order into one file, as {@code market data fetch} and
 * {@code market datashare decrypt} and {@code sample} do. Each fragment comes from a keeper that
 * holds it, as a CAR whose every block is checked against the CID that links to it; it is
 * decrypted segment by segment (a segment is released only once its tag verifies), or, for a
 * public sample with no key, taken as it is; its {@code hash_original} is checked and it is
 * appended. A keeper that fails or serves a bad block is dropped for the next one. The file is
 * renamed into place only when the whole matches the expected hash.
 */
final class FragmentFetcher {

    private final Market market;
    private final CommandSpec spec;
    private final GatewayClient gateway = new GatewayClient(Duration.ofMinutes(30));

    FragmentFetcher(Market market, CommandSpec spec) {
        this.market = market;
        this.spec = spec;
    }

    /**
     * Fetches {@code fragments} (views with fragment_no, cid, size, hash_original and
     * idfs_cluster_id) of {@code dataId} into {@code out}; {@code keyOf} gives a fragment's key, or
     * null for a fragment stored unencrypted.
     */
    void fetch(long dataId, List<JsonNode> fragments, LongFunction<byte[]> keyOf, String wholeHash, Path out) {
        JsonNode storage = market.keeper().get("/v1/data/" + dataId + "/fragments");
        Path partial = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".part");
        try {
            Files.deleteIfExists(partial);
            for (JsonNode fragment : fragments) {
                long no = fragment.path("fragment_no").asLong();
                fetchFragment(dataId, fragment, keyOf.apply(no), sources(storage, fragment), partial);
            }
            if (!Files.exists(partial)) {
                Files.createFile(partial);
            }
            if (!Hashes.sha256Hex(partial).equals(wholeHash)) {
                throw new CliException("the fragments were fetched, but the whole file does not match its hash "
                        + wholeHash);
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Appends one fragment, from the first source that gives it whole and valid. */
    private void fetchFragment(long dataId, JsonNode fragment, byte[] key, List<String> sources, Path partial)
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
                String plainHash = key == null ? append(sealed, partial) : decryptAppend(dataId, sealed, key, no, partial);
                if (!plainHash.equals(fragment.path("hash_original").asString())) {
                    throw new IOException("the fragment does not match its hash_original");
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
    private static String decryptAppend(long dataId, Path sealed, byte[] key, long fragmentNo, Path partial)
            throws IOException {
        MessageDigest sha = Hashes.sha256Digest();
        try (InputStream plain = SegmentedAead.decrypting(key, SegmentedAead.fragmentContext(dataId, fragmentNo),
                Files.newInputStream(sealed));
                OutputStream target = new DigestOutputStream(Files.newOutputStream(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), sha)) {
            plain.transferTo(target);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Appends a fragment stored as it is; answers its SHA-256. */
    private static String append(Path plain, Path partial) throws IOException {
        MessageDigest sha = Hashes.sha256Digest();
        try (InputStream in = Files.newInputStream(plain);
                OutputStream target = new DigestOutputStream(Files.newOutputStream(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), sha)) {
            in.transferTo(target);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Where the fragment can be fetched: the keepers holding a replica, else every keeper of its cluster. */
    private List<String> sources(JsonNode storage, JsonNode fragment) {
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to keep: the partial file is rebuilt from the keepers on the next run
        }
    }
}
