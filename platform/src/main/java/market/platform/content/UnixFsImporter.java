package market.platform.content;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the UnixFS DAG of one file as {@code ipfs add --cid-version=1} does with kubo's
 * defaults: fixed chunks of {@link #CHUNK_SIZE} bytes as raw leaves, a balanced layout of at most
 * {@link #MAX_LINKS} links per node, every leaf at the same depth, and a file of one chunk reduced
 * to its raw leaf. Bytes are written in as a stream; each block goes to the sink as soon as it is
 * complete, so memory is one chunk plus at most {@code MAX_LINKS} pending links per level, whatever
 * the file's size.
 *
 * <p>Kubo's balanced builder (boxo {@code ipld/unixfs/importer/balanced}) fills its tree depth
 * first and grows a new root above a full one; grouping each level's nodes by {@code MAX_LINKS}
 * from the bottom, and wrapping a lone trailing node while a level above it exists, gives the
 * same tree.
 */
public final class UnixFsImporter extends OutputStream {

    public static final int CHUNK_SIZE = 256 * 1024;
    public static final int MAX_LINKS = 174;

    /** A finished child: its link and the file bytes under it. */
    private record Child(DagPb.Link link, long fileBytes) {}

    private final BlockSink sink;
    private final byte[] chunk = new byte[CHUNK_SIZE];
    private final List<List<Child>> levels = new ArrayList<>();
    private int filled;
    private long size;
    private long leaves;
    private Cid root;

    public UnixFsImporter(BlockSink sink) {
        this.sink = sink;
    }

    /** The root CID of {@code bytes}, without keeping any block. */
    public static Cid cidOf(byte[] bytes) {
        try (UnixFsImporter importer = new UnixFsImporter(BlockSink.DISCARD)) {
            importer.write(bytes);
            return importer.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (root != null) {
            throw new IOException("the importer is finished");
        }
        while (length > 0) {
            int take = Math.min(length, CHUNK_SIZE - filled);
            System.arraycopy(bytes, offset, chunk, filled, take);
            filled += take;
            offset += take;
            length -= take;
            size += take;
            if (filled == CHUNK_SIZE) {
                leaf();
            }
        }
    }

    /** Ends the file and returns its root CID; later calls return the same CID. */
    public Cid finish() throws IOException {
        if (root != null) {
            return root;
        }
        if (filled > 0 || leaves == 0) {
            leaf();
        }
        for (int level = 0; ; level++) {
            List<Child> pending = levels.get(level);
            boolean higher = levels.size() > level + 1;
            if (!higher && pending.size() == 1) {
                root = pending.get(0).link().cid();
                return root;
            }
            if (!pending.isEmpty()) {
                node(level);
            }
        }
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    private void leaf() throws IOException {
        byte[] block = java.util.Arrays.copyOf(chunk, filled);
        Cid cid = Cid.of(Cid.RAW, block);
        sink.put(cid, block);
        leaves++;
        add(0, new Child(new DagPb.Link(cid, "", block.length), block.length));
        filled = 0;
    }

    private void add(int level, Child child) throws IOException {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>(MAX_LINKS));
        }
        List<Child> pending = levels.get(level);
        pending.add(child);
        if (pending.size() == MAX_LINKS) {
            node(level);
        }
    }

    /** Turns the pending children of {@code level} into one node on the level above. */
    private void node(int level) throws IOException {
        List<Child> children = levels.get(level);
        List<DagPb.Link> links = new ArrayList<>(children.size());
        List<Long> blocksizes = new ArrayList<>(children.size());
        long fileBytes = 0;
        long tsize = 0;
        for (Child child : children) {
            links.add(child.link());
            blocksizes.add(child.fileBytes());
            fileBytes += child.fileBytes();
            tsize += child.link().tsize();
        }
        byte[] data = UnixFs.encode(new UnixFs.FileNode(null, fileBytes, blocksizes));
        byte[] block = DagPb.encode(new DagPb.Node(links, data));
        Cid cid = Cid.of(Cid.DAG_PB, block);
        sink.put(cid, block);
        children.clear();
        add(level + 1, new Child(new DagPb.Link(cid, "", tsize + block.length), fileBytes));
    }
}
