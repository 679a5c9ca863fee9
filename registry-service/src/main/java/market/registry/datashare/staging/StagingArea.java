package market.registry.datashare.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.platform.content.BlockSink;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.WrappedKey;

/**
 * Where the registry keeps the fragments it encrypted from a DataShare {@code plainData} until
 * the keepers hold them: {@code <data-dir>/staged/<data_id>-<cid>/fragment-1.enc}, owner-only.
 * A fragment is encrypted into a hidden folder and renamed into place whole, before the publish
 * command is sent, so a publish that lands always finds its ciphertext, also after a crash. Only
 * ciphertext is written: the plain bytes stay in memory for the encryption, and the fresh key
 * leaves this class sealed by the custody key.
 */
public final class StagingArea {

    static final String FRAGMENT = "fragment-1.enc";
    private static final Pattern NAME = Pattern.compile("(\\d+)-(b[a-z2-7]+)");
    private static final int BUFFER = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    // the hidden folders requests are encrypting into now; any other hidden folder is a crash's
    private final Set<Path> writing = ConcurrentHashMap.newKeySet();

    public StagingArea(Path dataDir) {
        this.root = dataDir.resolve("staged");
    }

    /** A staged fragment: its data, where it is, and what the publish declares of it. */
    public record Staged(long dataId, Path folder, String cid, String hashEncrypted, long sizeEncrypted,
            WrappedKey key) {

        Path fragment() {
            return folder.resolve(FRAGMENT);
        }
    }

    /** A staged folder as found on disk: its data_id, CID and when it was staged. */
    public record Entry(long dataId, String cid, Path folder, Instant stagedAt) {

        Path fragment() {
            return folder.resolve(FRAGMENT);
        }
    }

    /**
     * Encrypts {@code plain} as fragment 1 of {@code dataId} under a fresh AES-256 key (the
     * segmented AEAD every fragment uses), stages the ciphertext, and answers it with the key
     * sealed by {@code custody}.
     */
    public Staged stage(long dataId, byte[] plain, KeyCustody custody) {
        byte[] key = AesGcm.newKey();
        Path hidden = null;
        try {
            Files.createDirectories(root);
            ownerOnly(root, "rwx------");
            // claimed before it exists, so a round of entries() never takes it for a crash's
            hidden = root.resolve(".staging-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
            writing.add(hidden);
            Files.createDirectory(hidden);
            ownerOnly(hidden, "rwx------");
            MessageDigest sha = Hashes.sha256Digest();
            UnixFsImporter importer = new UnixFsImporter(BlockSink.DISCARD);
            long[] written = new long[1];
            try (OutputStream file = Files.newOutputStream(hidden.resolve(FRAGMENT));
                    OutputStream encrypting = SegmentedAead.encrypting(key, SegmentedAead.fragmentContext(dataId, 1),
                            new OutputStream() {
                                @Override
                                public void write(int b) throws IOException {
                                    write(new byte[] {(byte) b}, 0, 1);
                                }

                                @Override
                                public void write(byte[] bytes, int offset, int length) throws IOException {
                                    file.write(bytes, offset, length);
                                    sha.update(bytes, offset, length);
                                    importer.write(bytes, offset, length);
                                    written[0] += length;
                                }
                            })) {
                for (int offset = 0; offset < plain.length; offset += BUFFER) {
                    encrypting.write(plain, offset, Math.min(BUFFER, plain.length - offset));
                }
            }
            String cid = importer.finish().toString();
            // sealed before the folder is in place: a folder in place always has a key in the publish
            WrappedKey wrapped = custody.wrap(dataId, 1, HexFormat.of().formatHex(key));
            Path folder = root.resolve(dataId + "-" + cid);
            Files.move(hidden, folder, StandardCopyOption.ATOMIC_MOVE);
            writing.remove(hidden);
            hidden = null;
            return new Staged(dataId, folder, cid, HexFormat.of().formatHex(sha.digest()), written[0], wrapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the encrypted data of " + dataId + " under " + root, e);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (hidden != null) {
                deleteFolder(hidden);
                writing.remove(hidden);
            }
        }
    }

    /** Every staged folder; hidden ones a crash left half written are deleted, not those being written. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                Matcher name = NAME.matcher(folder.getFileName().toString());
                if (folder.getFileName().toString().startsWith(".staging-")) {
                    if (!writing.contains(folder)) {
                        deleteFolder(folder);
                    }
                } else if (name.matches() && Files.exists(folder.resolve(FRAGMENT))) {
                    entries.add(new Entry(Long.parseLong(name.group(1)), name.group(2), folder,
                            Files.getLastModifiedTime(folder).toInstant()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return entries;
    }

    /** Deletes a staged folder whose fragment the keepers hold, or whose publish did not land; gone already is fine. */
    public void remove(Path folder) {
        deleteFolder(folder);
    }

    private static void deleteFolder(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (NoSuchFileException gone) {
            // deleted already, by the uploader or by the failed request that staged it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
