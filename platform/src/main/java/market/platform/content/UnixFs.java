package market.platform.content;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The UnixFS {@code Data} record that a dag-pb node of a file carries (ipfs/specs UNIXFS.md):
 * {@code Type} (1, here always {@code File} = 2), the node's own bytes {@code Data} (2, absent
 * when its bytes are all in children), {@code filesize} (3) and one {@code blocksizes} entry (4,
 * unpacked, as kubo writes it) per child, the file bytes under that child.
 */
public final class UnixFs {

    public static final int FILE = 2;
    private static final int TYPE = 0x08;
    private static final int DATA = 0x12;
    private static final int FILESIZE = 0x18;
    private static final int BLOCKSIZE = 0x20;
    private static final int BLOCKSIZES_PACKED = 0x22;

    private UnixFs() {}

    /** A file node: its own bytes (null when none), its file size and its children's sizes. */
    public record FileNode(byte[] data, long filesize, List<Long> blocksizes) {
        public FileNode {
            blocksizes = List.copyOf(blocksizes);
        }
    }

    public static byte[] encode(FileNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + node.blocksizes().size() * 4);
        out.write(TYPE);
        Varint.write(out, FILE);
        if (node.data() != null) {
            out.write(DATA);
            Varint.write(out, node.data().length);
            out.writeBytes(node.data());
        }
        out.write(FILESIZE);
        Varint.write(out, node.filesize());
        for (long size : node.blocksizes()) {
            out.write(BLOCKSIZE);
            Varint.write(out, size);
        }
        return out.toByteArray();
    }

    /** Decodes a file node; other UnixFS types (directories, symlinks…) are refused. */
    public static FileNode decode(byte[] record) {
        Varint.Reader in = new Varint.Reader(record, 0, record.length);
        long type = -1;
        byte[] data = null;
        long filesize = -1;
        List<Long> blocksizes = new ArrayList<>();
        while (in.remaining() > 0) {
            long tag = in.next();
            if (tag == TYPE) {
                type = in.next();
            } else if (tag == DATA) {
                data = in.bytes(in.next());
            } else if (tag == FILESIZE) {
                filesize = in.next();
            } else if (tag == BLOCKSIZE) {
                blocksizes.add(in.next());
            } else if (tag == BLOCKSIZES_PACKED) {
                long length = in.next();
                int end = in.position() + (int) Math.min(length, in.remaining());
                if (length > in.remaining()) {
                    throw new IllegalArgumentException("blocksizes run past the end");
                }
                while (in.position() < end) {
                    blocksizes.add(in.next());
                }
            } else {
                throw new IllegalArgumentException("unsupported UnixFS field");
            }
        }
        if (type != FILE) {
            throw new IllegalArgumentException("not a UnixFS file node");
        }
        long own = data == null ? 0 : data.length;
        long sum = own;
        for (long size : blocksizes) {
            sum = Math.addExact(sum, size);
        }
        if (filesize >= 0 && filesize != sum) {
            throw new IllegalArgumentException("UnixFS filesize does not match its blocks");
        }
        return new FileNode(data, sum, blocksizes);
    }
}
