package market.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

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

    private Path file(long dataId, long fragmentNo) {
        return folder.resolve(dataId + "-" + fragmentNo);
    }
}
