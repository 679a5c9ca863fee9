package market.platform.content;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dag-pb codec (IPLD spec "DAG-PB"): a node is a protobuf {@code PBNode} with repeated
 * {@code Links} (field 2) written before its optional {@code Data} (field 1); a link is a
 * {@code PBLink} with {@code Hash} (1), {@code Name} (2) and {@code Tsize} (3). The canonical
 * order matters: the CID is the hash of these exact bytes.
 */
public final class DagPb {

    private static final int NODE_DATA = 0x0A;
    private static final int NODE_LINKS = 0x12;
    private static final int LINK_HASH = 0x0A;
    private static final int LINK_NAME = 0x12;
    private static final int LINK_TSIZE = 0x18;

    private DagPb() {}

    /** A link to a child block: its CID, its name (empty in a file) and the cumulative size of its DAG. */
    public record Link(Cid cid, String name, long tsize) {}

    /** A node: its links in order and its data (a UnixFS record), or null when absent. */
    public record Node(List<Link> links, byte[] data) {
        public Node {
            links = List.copyOf(links);
        }
    }

    public static byte[] encode(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + node.links().size() * 48);
        for (Link link : node.links()) {
            ByteArrayOutputStream encoded = new ByteArrayOutputStream(48);
            byte[] hash = link.cid().bytes();
            encoded.write(LINK_HASH);
            Varint.write(encoded, hash.length);
            encoded.writeBytes(hash);
            byte[] name = link.name().getBytes(StandardCharsets.UTF_8);
            encoded.write(LINK_NAME);
            Varint.write(encoded, name.length);
            encoded.writeBytes(name);
            encoded.write(LINK_TSIZE);
            Varint.write(encoded, link.tsize());
            out.write(NODE_LINKS);
            Varint.write(out, encoded.size());
            out.writeBytes(encoded.toByteArray());
        }
        if (node.data() != null) {
            out.write(NODE_DATA);
            Varint.write(out, node.data().length);
            out.writeBytes(node.data());
        }
        return out.toByteArray();
    }

    /** Decodes a node, refusing unknown fields and links after the data, as the spec's strict decoders do. */
    public static Node decode(byte[] block) {
        Varint.Reader in = new Varint.Reader(block, 0, block.length);
        List<Link> links = new ArrayList<>();
        byte[] data = null;
        while (in.remaining() > 0) {
            long tag = in.next();
            long length = in.next();
            if (tag == NODE_LINKS && data == null) {
                links.add(link(block, in.position(), length));
                in.skip(length);
            } else if (tag == NODE_DATA && data == null) {
                data = in.bytes(length);
            } else {
                throw new IllegalArgumentException("not a canonical dag-pb node");
            }
        }
        return new Node(links, data);
    }

    private static Link link(byte[] block, int offset, long length) {
        if (length > block.length - offset) {
            throw new IllegalArgumentException("link runs past the end of the block");
        }
        Varint.Reader in = new Varint.Reader(block, offset, (int) length);
        Cid cid = null;
        String name = "";
        long tsize = 0;
        while (in.remaining() > 0) {
            long tag = in.next();
            if (tag == LINK_HASH && cid == null) {
                cid = Cid.fromBytes(in.bytes(in.next()));
            } else if (tag == LINK_NAME) {
                name = new String(in.bytes(in.next()), StandardCharsets.UTF_8);
            } else if (tag == LINK_TSIZE) {
                tsize = in.next();
            } else {
                throw new IllegalArgumentException("not a canonical dag-pb link");
            }
        }
        if (cid == null) {
            throw new IllegalArgumentException("a dag-pb link has no hash");
        }
        return new Link(cid, name, tsize);
    }
}
