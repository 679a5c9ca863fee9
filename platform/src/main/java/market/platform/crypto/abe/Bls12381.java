package market.platform.crypto.abe;

import java.math.BigInteger;
import java.security.SecureRandom;
import market.platform.crypto.Hashes;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * The BLS12-381 groups as the ABE scheme uses them, over supranational's blst: G1 and G2 points
 * (compressed, 48 and 96 bytes, decoded only when on the curve and in the prime-order subgroup),
 * scalars mod the group order r, and hash-to-G2 for attribute strings (RFC 9380, SSWU with
 * SHA-256, a domain tag of this project). blst's point {@code mult} changes the point it is
 * called on, so every product here starts from a copy.
 */
final class Bls12381 {

    /** The order r of G1, G2 and GT. */
    static final BigInteger ORDER =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    static final int G1_BYTES = 48;
    static final int G2_BYTES = 96;
    static final int SCALAR_BYTES = 32;

    private static final String ATTRIBUTE_DST = "MARKET-CPABE-BSW07-V1_BLS12381G2_XMD:SHA-256_SSWU_RO_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final P1_Affine G1 = P1_Affine.generator();
    private static final P2_Affine G2 = P2_Affine.generator();

    private Bls12381() {}

    /** A uniform scalar in [1, r-1]. */
    static BigInteger randomScalar() {
        while (true) {
            BigInteger k = new BigInteger(ORDER.bitLength() + 64, RANDOM).mod(ORDER);
            if (k.signum() > 0) {
                return k;
            }
        }
    }

    static P1_Affine g1(BigInteger k) {
        return times(G1, k);
    }

    static P2_Affine g2(BigInteger k) {
        return times(G2, k);
    }

    static P2_Affine g2() {
        return G2.dup();
    }

    static P1_Affine times(P1_Affine point, BigInteger k) {
        return point.to_jacobian().mult(k.mod(ORDER)).to_affine();
    }

    static P2_Affine times(P2_Affine point, BigInteger k) {
        return point.to_jacobian().mult(k.mod(ORDER)).to_affine();
    }

    static P2_Affine plus(P2_Affine a, P2_Affine b) {
        return a.to_jacobian().add(b).to_affine();
    }

    static P2_Affine hashToG2(String attribute) {
        return new P2().hash_to(Hashes.utf8(attribute), ATTRIBUTE_DST).to_affine();
    }

    static P1_Affine decodeG1(byte[] bytes, String what) {
        P1_Affine point;
        try {
            point = new P1_Affine(bytes);
        } catch (RuntimeException e) {
            throw new AbeException(what + " is not a G1 point");
        }
        if (point.is_inf() || !point.in_group()) {
            throw new AbeException(what + " is not a point of the G1 subgroup");
        }
        return point;
    }

    static P2_Affine decodeG2(byte[] bytes, String what) {
        P2_Affine point;
        try {
            point = new P2_Affine(bytes);
        } catch (RuntimeException e) {
            throw new AbeException(what + " is not a G2 point");
        }
        if (point.is_inf() || !point.in_group()) {
            throw new AbeException(what + " is not a point of the G2 subgroup");
        }
        return point;
    }

    static byte[] scalarBytes(BigInteger k) {
        byte[] raw = k.toByteArray();
        byte[] out = new byte[SCALAR_BYTES];
        int copy = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - copy, out, SCALAR_BYTES - copy, copy);
        return out;
    }

    static BigInteger decodeScalar(byte[] bytes, String what) {
        BigInteger k = new BigInteger(1, bytes);
        if (k.signum() == 0 || k.compareTo(ORDER) >= 0) {
            throw new AbeException(what + " is not a scalar in [1, r-1]");
        }
        return k;
    }
}
