package market.platform.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;

/**
 * secp256k1 as Ethereum uses it: deterministic ECDSA (RFC 6979) with low-s signatures, public
 * key recovery from {@code (r, s, v)}, and addresses as the last 20 bytes of the Keccak-256 of
 * the 64-byte public key.
 */
public final class Secp256k1 {

    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECDomainParameters DOMAIN =
            new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
    private static final BigInteger HALF_N = PARAMS.getN().shiftRight(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secp256k1() {}

    /** A recoverable signature; {@code v} is 27 or 28. */
    public record Signature(BigInteger r, BigInteger s, int v) {

        /** 65 bytes: r (32), s (32), v (1). */
        public byte[] toBytes() {
            byte[] out = new byte[65];
            System.arraycopy(fixed32(r), 0, out, 0, 32);
            System.arraycopy(fixed32(s), 0, out, 32, 32);
            out[64] = (byte) v;
            return out;
        }

        public String toHex() {
            return Hashes.toHex0x(toBytes());
        }

        /** Parses 65 bytes of hex; v may be 27/28 or 0/1. */
        public static Signature fromHex(String hex) {
            byte[] bytes = Hashes.fromHex(hex);
            if (bytes.length != 65) {
                throw new IllegalArgumentException("a signature is 65 bytes, got " + bytes.length);
            }
            int v = bytes[64] & 0xFF;
            if (v < 27) {
                v += 27;
            }
            if (v != 27 && v != 28) {
                throw new IllegalArgumentException("signature v must be 27 or 28");
            }
            return new Signature(new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
                    new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)), v);
        }
    }

    public static BigInteger newPrivateKey() {
        while (true) {
            BigInteger d = new BigInteger(256, RANDOM);
            if (d.signum() > 0 && d.compareTo(DOMAIN.getN()) < 0) {
                return d;
            }
        }
    }

    public static boolean isValidPrivateKey(BigInteger d) {
        return d.signum() > 0 && d.compareTo(DOMAIN.getN()) < 0;
    }

    /** The 64-byte uncompressed public key (x, y) without the {@code 04} prefix. */
    public static byte[] publicKey(BigInteger privateKey) {
        ECPoint q = new FixedPointCombMultiplier().multiply(DOMAIN.getG(), privateKey).normalize();
        return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
    }

    /** {@code 0x} and the last 20 bytes of Keccak-256(public key), lower case. */
    public static String address(byte[] publicKey64) {
        byte[] hash = Hashes.keccak256(publicKey64);
        return Hashes.toHex0x(Arrays.copyOfRange(hash, 12, 32));
    }

    /**
     * The address of a public key written as {@code 0x} and 128 hex digits (64 raw bytes), or
     * null when the text is not that form or not a point on the curve.
     */
    public static String addressOfPublicKeyHex(String hex) {
        if (hex == null || !hex.matches("0x[0-9a-fA-F]{128}")) {
            return null;
        }
        byte[] key = Hashes.fromHex(hex);
        try {
            decodePublicKey(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return address(key);
    }

    /** Decodes a public key given as 64 raw bytes, 65 bytes with {@code 04}, or 33 compressed bytes. */
    public static ECPoint decodePublicKey(byte[] key) {
        byte[] encoded = key;
        if (key.length == 64) {
            encoded = new byte[65];
            encoded[0] = 0x04;
            System.arraycopy(key, 0, encoded, 1, 64);
        }
        ECPoint point = DOMAIN.getCurve().decodePoint(encoded);
        if (!point.isValid() || point.isInfinity()) {
            throw new IllegalArgumentException("not a point on secp256k1");
        }
        return point;
    }

    public static Signature sign(byte[] hash32, BigInteger privateKey) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash32);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? DOMAIN.getN().subtract(rs[1]) : rs[1];
        byte[] expected = publicKey(privateKey);
        for (int recId = 0; recId < 4; recId++) {
            byte[] recovered = recover(hash32, r, s, recId);
            if (recovered != null && Arrays.equals(recovered, expected)) {
                return new Signature(r, s, 27 + recId);
            }
        }
        throw new IllegalStateException("no recovery id reproduces the public key");
    }

    /** The address whose key made {@code signature} over {@code hash32}; rejects malleable or malformed signatures. */
    public static String recoverAddress(byte[] hash32, Signature signature) {
        BigInteger n = DOMAIN.getN();
        if (signature.r().signum() <= 0 || signature.r().compareTo(n) >= 0
                || signature.s().signum() <= 0 || signature.s().compareTo(HALF_N) > 0) {
            throw new IllegalArgumentException("signature r or s out of range");
        }
        byte[] key = recover(hash32, signature.r(), signature.s(), signature.v() - 27);
        if (key == null) {
            throw new IllegalArgumentException("no public key recovers from this signature");
        }
        return address(key);
    }

    /** SEC 1 v2, section 4.1.6: the public key for one recovery id, or null. */
    private static byte[] recover(byte[] hash32, BigInteger r, BigInteger s, int recId) {
        BigInteger n = DOMAIN.getN();
        BigInteger x = r.add(BigInteger.valueOf(recId / 2L).multiply(n));
        if (x.compareTo(SecP256K1Curve.q) >= 0) {
            return null;
        }
        ECPoint rPoint = decompress(x, (recId & 1) == 1);
        if (!rPoint.multiply(n).isInfinity()) {
            return null;
        }
        BigInteger e = new BigInteger(1, hash32);
        BigInteger rInv = r.modInverse(n);
        BigInteger eInvrInv = rInv.multiply(BigInteger.ZERO.subtract(e).mod(n)).mod(n);
        BigInteger srInv = rInv.multiply(s).mod(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), eInvrInv, rPoint, srInv).normalize();
        if (q.isInfinity()) {
            return null;
        }
        return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
    }

    private static ECPoint decompress(BigInteger x, boolean yOdd) {
        X9IntegerConverter converter = new X9IntegerConverter();
        byte[] encoded = converter.integerToBytes(x, 1 + converter.getByteLength(DOMAIN.getCurve()));
        encoded[0] = (byte) (yOdd ? 0x03 : 0x02);
        return DOMAIN.getCurve().decodePoint(encoded);
    }

    /** Big-endian, left-padded to 32 bytes. */
    public static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
