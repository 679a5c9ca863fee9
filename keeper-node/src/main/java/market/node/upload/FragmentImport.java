package market.node.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import market.node.store.BlockStore;
import market.platform.content.BlockSink;
import market.platform.content.Cid;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.Hashes;

/**
 * Checks an uploaded fragment on disk before any of it enters the block store: its SHA-256 (which
 * the provider signed) and its UnixFS root CID, in one streaming pass; then imports its blocks in
 * a second pass once it is known to be the declared content.
 */
final class FragmentImport {

    private static final int BUFFER = 256 * 1024;

    /** What the first pass found. */
    record Digest(String sha256Hex, Cid root, long size) {}

    private FragmentImport() {}

    static Digest digest(Path file) throws IOException {
        MessageDigest sha = Hashes.sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
                UnixFsImporter importer = new UnixFsImporter(BlockSink.DISCARD)) {
            transfer(in, importer);
            return new Digest(HexFormat.of().formatHex(sha.digest()), importer.finish(), importer.size());
        }
    }

    static void importInto(BlockStore store, Path file, Cid expected) throws IOException {
        try (InputStream in = Files.newInputStream(file); UnixFsImporter importer = new UnixFsImporter(store)) {
            transfer(in, importer);
            if (!importer.finish().equals(expected)) {
                throw new IOException("the fragment changed on disk while it was imported");
            }
        }
    }

    private static void transfer(InputStream in, UnixFsImporter importer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int read; (read = in.read(buffer)) > 0; ) {
            importer.write(buffer, 0, read);
        }
    }
}
