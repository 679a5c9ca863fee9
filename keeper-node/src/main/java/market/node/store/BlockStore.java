package market.node.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import market.platform.content.BlockSink;
import market.platform.content.BlockSource;
import market.platform.content.Cid;

/**
 * A keeper node's blocks on disk, one file per block named by its CID, spread over folders by the
 * CID's last two characters (as IPFS's flatfs does), so no folder grows without bound. A block is
 * written to a temporary file and renamed into place, so a crash never leaves half a block under
 * its name; the CID names the content, so writing a block again changes nothing, unless the copy
 * on disk no longer matches its CID, which the new bytes then replace. Reads check nothing: the
 * walker that reads a DAG checks every block against its CID.
 */
public final class BlockStore implements BlockSource, BlockSink {

    private final Path root;
    private final Path staging;

    public BlockStore(Path folder) throws IOException {
        this.root = Files.createDirectories(folder.resolve("blocks"));
        this.staging = Files.createDirectories(folder.resolve("staging"));
    }

    @Override
    public void put(Cid cid, byte[] block) throws IOException {
        Path target = path(cid);
        if (Files.exists(target) && cid.matches(Files.readAllBytes(target))) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temporary = staging.resolve(UUID.randomUUID() + ".block");
        Files.write(temporary, block);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public byte[] get(Cid cid) throws IOException {
        try {
            return Files.readAllBytes(path(cid));
        } catch (NoSuchFileException e) {
            throw new MissingBlockException(cid);
        }
    }

    public boolean has(Cid cid) {
        return Files.exists(path(cid));
    }

    /** Deletes a block; false when there was none. */
    public boolean delete(Cid cid) throws IOException {
        return Files.deleteIfExists(path(cid));
    }

    /** A folder for the temporary files of one transfer, on the same file system as the blocks. */
    public Path stagingFolder() throws IOException {
        return Files.createDirectories(staging.resolve(UUID.randomUUID().toString()));
    }

    private Path path(Cid cid) {
        String name = cid.toString();
        return root.resolve(name.substring(name.length() - 2)).resolve(name);
    }
}
