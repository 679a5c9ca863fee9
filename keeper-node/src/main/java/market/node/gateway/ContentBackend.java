package market.node.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import market.node.store.BlockStore;
import market.platform.content.Car;
import market.platform.content.Cid;
import market.platform.content.DagPb;
import market.platform.content.DagWalker;
import market.platform.content.UnixFs;

/**
 * What the gateway serves, over the node's block store (as boxo's blocks backend does): one block,
 * a file's bytes in a range, or the blocks that prove a range as a CAR. Every block read is
 * checked against its CID by the walker, so a block corrupted on disk stops the answer rather
 * than reaching a client.
 */
public final class ContentBackend {

    /** Which blocks a CAR holds: the root only, or those of the file (all of them, or a range's). */
    public enum Scope { BLOCK, ENTITY, ALL }

    private final BlockStore store;

    public ContentBackend(BlockStore store) {
        this.store = store;
    }

    public boolean has(Cid cid) {
        return store.has(cid);
    }

    /** One block, checked against its CID. */
    public byte[] block(Cid cid) throws IOException {
        byte[] block = store.get(cid);
        if (!cid.matches(block)) {
            throw new DagWalker.BadBlockException(cid, "the stored bytes do not hash to the CID");
        }
        return block;
    }

    /** The size of the file under {@code root}, as its root block declares it. */
    public long fileSize(Cid root) throws IOException {
        byte[] block = block(root);
        if (root.codec() == Cid.RAW) {
            return block.length;
        }
        try {
            DagPb.Node node = DagPb.decode(block);
            return UnixFs.decode(node.data() == null ? new byte[0] : node.data()).filesize();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new DagWalker.BadBlockException(root, e.getMessage());
        }
    }

    /** Writes file bytes {@code [from, to)} to {@code out}. */
    public void writeFile(Cid root, long from, long to, OutputStream out) throws IOException {
        new DagWalker(store).walk(root, from, to, new DagWalker.Visitor() {
            @Override
            public void block(Cid cid, byte[] block) {}

            @Override
            public void bytes(byte[] block, int offset, int length) throws IOException {
                out.write(block, offset, length);
            }
        });
    }

    /**
     * Writes a CAR v1 with {@code root} as its root: the root block alone, or the blocks that cover
     * file bytes {@code [from, to)}, depth first; with {@code dups} false a block that recurs is
     * written once.
     */
    public void writeCar(Cid root, Scope scope, long from, long to, boolean dups, OutputStream out)
            throws IOException {
        out.write(Car.header(root));
        if (scope == Scope.BLOCK) {
            Car.section(out, root, block(root));
            return;
        }
        Set<Cid> written = new HashSet<>();
        new DagWalker(store).walk(root, from, to, (cid, block) -> {
            if (dups || written.add(cid)) {
                Car.section(out, cid, block);
            }
        });
    }
}
