package market.platform.crypto.abe;

import java.math.BigInteger;
import market.platform.crypto.Hashes;
import supranational.blst.P1_Affine;

/**
 * A provider's ABE master key: the scalars β and α of Bethencourt–Sahai–Waters. Its public part
 * is h = g1^β; its {@link #id()} is a hash of h that every user key and ciphertext it makes
 * carries. Bytes: {@code ABM1}, β, α (32 bytes each, big-endian). These bytes are the master
 * secret: they live only sealed in the registry's custody. A class, not a record, so that no
 * serialiser finds the scalars through public accessors.
 */
public final class AbeMasterKey {

    private static final byte[] TAG = {'A', 'B', 'M', 1};
    private static final byte[] ID_LABEL = Hashes.utf8("market-cpabe-master-id-1");

    private final BigInteger beta;
    private final BigInteger alpha;

    AbeMasterKey(BigInteger beta, BigInteger alpha) {
        if (beta.signum() <= 0 || beta.compareTo(Bls12381.ORDER) >= 0
                || alpha.signum() <= 0 || alpha.compareTo(Bls12381.ORDER) >= 0) {
            throw new AbeException("master key scalars lie in [1, r-1]");
        }
        this.beta = beta;
        this.alpha = alpha;
    }

    BigInteger beta() {
        return beta;
    }

    BigInteger alpha() {
        return alpha;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AbeMasterKey k && java.security.MessageDigest.isEqual(encode(), k.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(id());
    }

    /** h = g1^β. */
    public P1_Affine h() {
        return Bls12381.g1(beta);
    }

    /** 32 bytes that name this master key: SHA-256 of a label and h compressed. */
    public byte[] id() {
        return Hashes.sha256(concat(ID_LABEL, h().compress()));
    }

    public byte[] encode() {
        return new AbeBytes.Writer().bytes(TAG)
                .bytes(Bls12381.scalarBytes(beta)).bytes(Bls12381.scalarBytes(alpha)).toByteArray();
    }

    public static AbeMasterKey decode(byte[] bytes) {
        AbeBytes.Reader in = new AbeBytes.Reader(bytes, "ABE master key", TAG);
        BigInteger beta = Bls12381.decodeScalar(in.bytes(Bls12381.SCALAR_BYTES), "master key β");
        BigInteger alpha = Bls12381.decodeScalar(in.bytes(Bls12381.SCALAR_BYTES), "master key α");
        in.end();
        return new AbeMasterKey(beta, alpha);
    }

    /** Never prints the scalars. */
    @Override
    public String toString() {
        return "AbeMasterKey[id=" + Hashes.toHex0x(id()) + "]";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
