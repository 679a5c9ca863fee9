package market.platform.crypto.abe;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import market.platform.crypto.Hashes;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * A user's ABE key for a set of attribute strings, issued by one master key: D = g2^((α+r)/β) in
 * G2, and for each attribute j the pair D_j = g2^r · H(j)^(r_j) in G2 and D'_j = g1^(r_j) in G1.
 * The r that ties the components together is what stops two users from pooling their keys.
 * Bytes: {@code ABK1}, master id (32), D (96), a count, then per attribute, in order, its string,
 * D_j (96) and D'_j (48). It is a secret of its holder: delivered wrapped to the holder's
 * secp256k1 key, opened only on the holder's machine.
 */
public record AbeUserKey(byte[] masterId, P2_Affine d, SortedMap<String, Component> components) {

    private static final byte[] TAG = {'A', 'B', 'K', 1};
    static final int MAX_COMPONENTS = 8192;

    public record Component(P2_Affine d, P1_Affine dPrime) {}

    public AbeUserKey {
        masterId = masterId.clone();
        components = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(components));
    }

    @Override
    public byte[] masterId() {
        return masterId.clone();
    }

    public byte[] encode() {
        AbeBytes.Writer out = new AbeBytes.Writer().bytes(TAG).bytes(masterId).bytes(d.compress())
                .u16(components.size());
        components.forEach((attribute, c) -> out.string(attribute).bytes(c.d().compress()).bytes(c.dPrime().compress()));
        return out.toByteArray();
    }

    public static AbeUserKey decode(byte[] bytes) {
        AbeBytes.Reader in = new AbeBytes.Reader(bytes, "ABE user key", TAG);
        byte[] masterId = in.bytes(32);
        P2_Affine d = Bls12381.decodeG2(in.bytes(Bls12381.G2_BYTES), "user key D");
        int count = in.u16();
        if (count == 0 || count > MAX_COMPONENTS) {
            throw new AbeException("ABE user key has " + count + " components");
        }
        Map<String, Component> components = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String attribute = in.string();
            if (previous != null && previous.compareTo(attribute) >= 0) {
                throw new AbeException("ABE user key's attributes are not in order, or one is there twice");
            }
            previous = attribute;
            Component c = new Component(
                    Bls12381.decodeG2(in.bytes(Bls12381.G2_BYTES), "user key D_j"),
                    Bls12381.decodeG1(in.bytes(Bls12381.G1_BYTES), "user key D'_j"));
            components.put(attribute, c);
        }
        in.end();
        return new AbeUserKey(masterId, d, new TreeMap<>(components));
    }

    /** Never prints the key; the attribute strings are not secret. */
    @Override
    public String toString() {
        return "AbeUserKey[master=" + Hashes.toHex0x(masterId) + ", attributes=" + components.size() + "]";
    }
}
