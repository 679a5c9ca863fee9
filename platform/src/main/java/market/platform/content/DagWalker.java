package market.platform.content;

import java.io.IOException;
import java.util.List;

/**
 * Walks the UnixFS DAG of one file from its root, depth first and in link order (the order of a
 * trustless gateway's CAR with {@code order=dfs}), reading only the blocks that cover a byte range
 * of the file and checking each block against the CID that links to it. A visitor sees every
 * block it reads and the file bytes of the range, in order. This is the exporter that serves,
 * downloads and audits share: a block that does not hash to its CID, or a node whose sizes do not
 * add up, stops the walk with {@link BadBlockException}.
 */
public final class DagWalker {

    /** Deeper than any file of this system can be: 174^8 chunks of 256 KiB. */
    private static final int MAX_DEPTH = 8;

    /** What the walk reports: each verified block, and the file bytes it holds within the range. */
    public interface Visitor {
        void block(Cid cid, byte[] block) throws IOException;

        default void bytes(byte[] block, int offset, int length) throws IOException {}
    }

    /** A block did not match its CID, or is not a UnixFS file node. */
    public static final class BadBlockException extends IOException {
        private final Cid cid;

        public BadBlockException(Cid cid, String reason) {
            super("block " + cid + ": " + reason);
            this.cid = cid;
        }

        public Cid cid() {
            return cid;
        }
    }

    private final BlockSource source;

    public DagWalker(BlockSource source) {
        this.source = source;
    }

    /** Walks the whole file. */
    public long walk(Cid root, Visitor visitor) throws IOException {
        return walk(root, 0, Long.MAX_VALUE, visitor);
    }

    /**
     * Walks the blocks that cover file bytes {@code [from, to)}: the root always, and below it
     * each child whose bytes overlap the range.
     *
     * @return the file's size, as its root declares it
     */
    public long walk(Cid root, long from, long to, Visitor visitor) throws IOException {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a byte range is 0 <= from <= to");
        }
        return visit(root, 0, from, to, visitor, 0);
    }

    private long visit(Cid cid, long start, long from, long to, Visitor visitor, int depth) throws IOException {
        byte[] block = source.get(cid);
        if (!cid.matches(block)) {
            throw new BadBlockException(cid, "the bytes do not hash to the CID");
        }
        if (cid.codec() == Cid.RAW) {
            visitor.block(cid, block);
            emit(visitor, block, start, from, to);
            return block.length;
        }
        if (depth >= MAX_DEPTH) {
            throw new BadBlockException(cid, "the DAG is deeper than " + MAX_DEPTH);
        }
        UnixFs.FileNode file;
        List<DagPb.Link> links;
        try {
            DagPb.Node node = DagPb.decode(block);
            links = node.links();
            file = UnixFs.decode(node.data() == null ? new byte[0] : node.data());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadBlockException(cid, e.getMessage());
        }
        if (links.size() != file.blocksizes().size()) {
            throw new BadBlockException(cid, "links and blocksizes differ in number");
        }
        visitor.block(cid, block);
        long position = start;
        if (file.data() != null) {
            emit(visitor, file.data(), position, from, to);
            position += file.data().length;
        }
        for (int i = 0; i < links.size(); i++) {
            long childSize = file.blocksizes().get(i);
            if (position < to && position + childSize > from) {
                long actual = visit(links.get(i).cid(), position, from, to, visitor, depth + 1);
                if (actual != childSize) {
                    throw new BadBlockException(cid, "a child holds " + actual + " bytes, not " + childSize);
                }
            }
            position += childSize;
        }
        return file.filesize();
    }

    /** Reports the part of {@code bytes}, which start at file offset {@code start}, inside [from, to). */
    private static void emit(Visitor visitor, byte[] bytes, long start, long from, long to) throws IOException {
        long first = Math.max(start, from);
        long end = Math.min(start + bytes.length, to);
        if (first < end) {
            visitor.bytes(bytes, (int) (first - start), (int) (end - first));
        }
    }
}
