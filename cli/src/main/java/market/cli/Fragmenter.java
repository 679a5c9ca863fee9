package market.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import market.platform.content.BlockSink;
import market.platform.content.Cid;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;

/**
 * Prepares a file for registration in two streaming passes, never holding more than a buffer of
 * it in memory. {@link #plan} splits it into contiguous fragments of near-equal size and hashes
 * the file and each fragment (SHA-256), which is all {@code adddatabegin} needs. {@link #seal}
 * then encrypts one fragment with its own key under {@link SegmentedAead}, bound to its data_id
 * and fragment number, into a file, computing as it writes the ciphertext's SHA-256 and its IPFS
 * CID, the UnixFS root that {@code ipfs add --cid-version=1} gives.
 */
final class Fragmenter {

    private static final int BUFFER = 256 * 1024;

    private Fragmenter() {}

    /** The whole file: its SHA-256, size and fragments in order. */
    record Plan(String dataHashOriginal, long size, List<Part> parts) {}

    /** One fragment of the file: where it starts, its plain size and SHA-256. */
    record Part(int fragmentNo, long offset, long size, String hashOriginal) {}

    /** A sealed fragment: what keepers store and the registry is told. */
    record Sealed(int fragmentNo, String cid, String hashEncrypted, long sizeEncrypted) {}

    /**
     * Splits {@code file} into {@code count} fragments; the first {@code size % count} are one byte
     * longer than the rest.
     *
     * @throws IllegalArgumentException when the file is empty or shorter than {@code count}
     */
    static Plan plan(Path file, int count, Progress progress) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("the number of fragments must be at least 1");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (size < count) {
            throw new IllegalArgumentException("the file has " + size + " bytes, fewer than the " + count
                    + " fragments asked for");
        }
        long base = size / count;
        long longer = size % count;
        MessageDigest whole = Hashes.sha256Digest();
        List<Part> parts = new ArrayList<>(count);
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            long offset = 0;
            for (int no = 1; no <= count; no++) {
                long partSize = base + (no <= longer ? 1 : 0);
                MessageDigest part = Hashes.sha256Digest();
                for (long left = partSize; left > 0; ) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        throw new IOException(file + " got shorter while it was read");
                    }
                    part.update(buffer, 0, read);
                    whole.update(buffer, 0, read);
                    progress.add(read);
                    left -= read;
                }
                parts.add(new Part(no, offset, partSize, hex(part.digest())));
                offset += partSize;
            }
        }
        progress.finish();
        return new Plan(hex(whole.digest()), size, List.copyOf(parts));
    }

    /** Encrypts one fragment of {@code file} into {@code out}. */
    static Sealed seal(Path file, Part part, byte[] key, long dataId, Path out, Progress progress) throws IOException {
        MessageDigest sha = Hashes.sha256Digest();
        UnixFsImporter importer = new UnixFsImporter(BlockSink.DISCARD);
        long[] written = new long[1];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(part.offset());
            InputStream in = Channels.newInputStream(channel);
            OutputStream sink = Files.newOutputStream(out);
            OutputStream tee = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    sink.write(bytes, offset, length);
                    sha.update(bytes, offset, length);
                    importer.write(bytes, offset, length);
                    written[0] += length;
                }

                @Override
                public void close() throws IOException {
                    sink.close();
                }
            };
            try (OutputStream encrypting = SegmentedAead.encrypting(key,
                    SegmentedAead.fragmentContext(dataId, part.fragmentNo()), tee)) {
                byte[] buffer = new byte[BUFFER];
                for (long left = part.size(); left > 0; ) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        throw new IOException(file + " got shorter while it was read");
                    }
                    encrypting.write(buffer, 0, read);
                    progress.add(read);
                    left -= read;
                }
            }
        }
        Cid cid = importer.finish();
        return new Sealed(part.fragmentNo(), cid.toString(), hex(sha.digest()), written[0]);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
