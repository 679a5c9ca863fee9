package market.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fragments a node holds whole: one small file per (data_id, fragment_no) naming its root
 * CID, written after every block of the fragment is in the block store, so its presence means
 * the DAG is complete. Written atomically, like the blocks.
 */
public final class FragmentIndex {

    private final Path folder;

    public FragmentIndex(Path dataDir) throws IOException {
        this.folder = Files.createDirectories(dataDir.resolve("fragments"));
    }

    public void record(long dataId, long fragmentNo, String cid) throws IOException {
        Path temporary = Files.createTempFile(folder, ".fragment", ".tmp");
        Files.writeString(temporary, cid + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file(dataId, fragmentNo), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The CID this node holds for the fragment, if it holds it whole. */
    public Optional<String> held(long dataId, long fragmentNo) throws IOException {
        Path file = file(dataId, fragmentNo);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim())
                : Optional.empty();
    }

    /** Stops holding the fragment: it is no longer served as held; its blocks are the caller's to delete. */
    public void remove(long dataId, long fragmentNo) throws IOException {
        Files.deleteIfExists(file(dataId, fragmentNo));
    }

    /** Every fragment held whole, by data_id and fragment_no. */
    public List<Entry> all() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                int dash = name.indexOf('-');
                if (name.startsWith(".") || dash < 1) {
                    continue;
                }
                try {
                    entries.add(new Entry(Long.parseLong(name.substring(0, dash)),
                            Long.parseLong(name.substring(dash + 1)),
                            Files.readString(file, StandardCharsets.US_ASCII).trim()));
                } catch (NumberFormatException | NoSuchFileException e) {
                    // not an index file, or removed meanwhile
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::dataId).thenComparingLong(Entry::fragmentNo));
        return entries;
    }

    /** A fragment held whole: its data_id, number and root CID. */
    public record Entry(long dataId, long fragmentNo, String cid) {}

    private Path file(long dataId, long fragmentNo) {
        return folder.resolve(dataId + "-" + fragmentNo);
    }
}
