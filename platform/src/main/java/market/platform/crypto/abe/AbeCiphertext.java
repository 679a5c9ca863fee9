package market.platform.crypto.abe;

import java.util.ArrayList;
import java.util.List;
import market.platform.crypto.abe.AttributeTree.Gate;
import market.platform.crypto.abe.AttributeTree.Leaf;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * A secret encrypted under an access tree: C = h^s in G1, for each leaf y (in tree order)
 * C_y = g1^(q_y(0)) in G1 and C'_y = H(att(y))^(q_y(0)) in G2, and the secret sealed with
 * AES-256-GCM under a key derived from e(g1, g2)^(αs). Bytes: {@code ABC1}, master id (32),
 * C (48), the tree (a leaf: 0, its string, C_y, C'_y; a gate: 1, threshold, count, children),
 * then the sealed secret. Everything before the sealed secret is its associated data, so a
 * changed tree, point or id fails to open.
 */
public record AbeCiphertext(byte[] masterId, P1_Affine c, AttributeTree tree, List<LeafElements> leaves, byte[] sealed) {

    private static final byte[] TAG = {'A', 'B', 'C', 1};
    private static final int MAX_DEPTH = 160;

    public record LeafElements(P1_Affine c, P2_Affine cPrime) {}

    public AbeCiphertext {
        masterId = masterId.clone();
        leaves = List.copyOf(leaves);
        sealed = sealed.clone();
        if (leaves.size() != tree.leafCount()) {
            throw new IllegalArgumentException("one pair of elements per leaf");
        }
    }

    @Override
    public byte[] masterId() {
        return masterId.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    /** The bytes the sealed secret is bound to. */
    byte[] header() {
        AbeBytes.Writer out = new AbeBytes.Writer().bytes(TAG).bytes(masterId).bytes(c.compress());
        writeTree(out, tree, new int[1]);
        return out.toByteArray();
    }

    public byte[] encode() {
        return new AbeBytes.Writer().bytes(header()).bytes(sealed).toByteArray();
    }

    public static AbeCiphertext decode(byte[] bytes) {
        AbeBytes.Reader in = new AbeBytes.Reader(bytes, "ABE ciphertext", TAG);
        byte[] masterId = in.bytes(32);
        P1_Affine c = Bls12381.decodeG1(in.bytes(Bls12381.G1_BYTES), "ciphertext C");
        List<LeafElements> leaves = new ArrayList<>();
        AttributeTree tree = readTree(in, leaves, 0);
        byte[] sealed = in.rest();
        if (sealed.length == 0) {
            throw new AbeException("ABE ciphertext holds no sealed secret");
        }
        return new AbeCiphertext(masterId, c, tree, leaves, sealed);
    }

    private void writeTree(AbeBytes.Writer out, AttributeTree node, int[] leaf) {
        if (node instanceof Leaf l) {
            LeafElements e = leaves.get(leaf[0]++);
            out.u8(0).string(l.attribute()).bytes(e.c().compress()).bytes(e.cPrime().compress());
        } else {
            Gate g = (Gate) node;
            out.u8(1).u16(g.threshold()).u16(g.children().size());
            g.children().forEach(child -> writeTree(out, child, leaf));
        }
    }

    private static AttributeTree readTree(AbeBytes.Reader in, List<LeafElements> leaves, int depth) {
        if (depth > MAX_DEPTH) {
            throw new AbeException("ABE ciphertext's tree nests deeper than " + MAX_DEPTH);
        }
        int kind = in.u8();
        if (kind == 0) {
            if (leaves.size() >= PolicyCompiler.MAX_LEAVES) {
                throw new AbeException("ABE ciphertext has more than " + PolicyCompiler.MAX_LEAVES + " leaves");
            }
            String attribute = in.string();
            leaves.add(new LeafElements(
                    Bls12381.decodeG1(in.bytes(Bls12381.G1_BYTES), "ciphertext C_y"),
                    Bls12381.decodeG2(in.bytes(Bls12381.G2_BYTES), "ciphertext C'_y")));
            return new Leaf(attribute);
        }
        if (kind != 1) {
            throw new AbeException("ABE ciphertext's tree has a node of unknown kind " + kind);
        }
        int threshold = in.u16();
        int count = in.u16();
        if (threshold < 1 || threshold > count) {
            throw new AbeException("ABE ciphertext's tree has a gate of threshold " + threshold + " over " + count);
        }
        List<AttributeTree> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(readTree(in, leaves, depth + 1));
        }
        return new Gate(threshold, children);
    }
}
