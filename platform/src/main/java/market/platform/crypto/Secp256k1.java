package market.platform.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 as Ethereum uses it: deterministic ECDSA (RFC 6979) with low-s signatures, public
 * key recovery from {@code (r, s, v)}, and addresses as the last 20 bytes of the Keccak-256 of
 * the 64-byte public key. The arithmetic is done by a {@link Secp256k1Engine}: libsecp256k1
 * where it loads (a recovery takes tens of microseconds there, against about 150 with
 * BouncyCastle), BouncyCastle elsewhere; {@code -Dmarket.secp256k1=bouncycastle} picks the latter.
 */
public final class Secp256k1 {

    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECDomainParameters DOMAIN =
            new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
    private static final BigInteger HALF_N = PARAMS.getN().shiftRight(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Secp256k1Engine ENGINE = selectEngine();

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
        if (!isValidPrivateKey(privateKey)) {
            throw new IllegalArgumentException("a private key is in [1, n-1]");
        }
        return ENGINE.publicKey(fixed32(privateKey));
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
        ECPoint point = DOMAIN.getCurve().decodePoint(key.length == 64 ? uncompressed(key) : key);
        if (!point.isValid() || point.isInfinity()) {
            throw new IllegalArgumentException("not a point on secp256k1");
        }
        return point;
    }

    public static Signature sign(byte[] hash32, BigInteger privateKey) {
        byte[] key = fixed32(privateKey);
        byte[] rs = ENGINE.sign(hash32, key);
        byte[] expected = ENGINE.publicKey(key);
        for (int recId = 0; recId < 4; recId++) {
            if (Arrays.equals(ENGINE.recover(hash32, rs, recId), expected)) {
                return new Signature(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)),
                        new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)), 27 + recId);
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
        byte[] rs = Arrays.copyOf(signature.toBytes(), 64);
        byte[] key = ENGINE.recover(hash32, rs, signature.v() - 27);
        if (key == null) {
            throw new IllegalArgumentException("no public key recovers from this signature");
        }
        return address(key);
    }

    /** The generator G as a 64-byte public key: the key of private key 1, to check an engine with. */
    static byte[] publicKeyOfOne() {
        return raw64(DOMAIN.getG());
    }

    /** A point as a 64-byte public key: its uncompressed encoding (x, y) without the {@code 04} prefix. */
    static byte[] raw64(ECPoint point) {
        return Arrays.copyOfRange(point.normalize().getEncoded(false), 1, 65);
    }

    /** A 64-byte public key's uncompressed encoding: {@code 04}, then x and y. */
    static byte[] uncompressed(byte[] publicKey64) {
        byte[] encoded = new byte[65];
        encoded[0] = 0x04;
        System.arraycopy(publicKey64, 0, encoded, 1, 64);
        return encoded;
    }

    /** The engine doing the curve arithmetic in this JVM: libsecp256k1 when it loads, else BouncyCastle. */
    public static Secp256k1Engine engine() {
        return ENGINE;
    }

    /**
     * libsecp256k1 unless {@code market.secp256k1} is {@code bouncycastle} or the native library
     * does not load here; then BouncyCastle, which gives the same results, more slowly. A JVM
     * without the binding on its class path (the CLI leaves it out) takes BouncyCastle quietly.
     */
    private static Secp256k1Engine selectEngine() {
        if ("bouncycastle".equals(System.getProperty("market.secp256k1"))) {
            return new BouncyCastleSecp256k1();
        }
        System.Logger log = System.getLogger(Secp256k1.class.getName());
        try {
            return NativeSecp256k1.load();
        } catch (NoClassDefFoundError e) {
            log.log(System.Logger.Level.DEBUG, "no libsecp256k1 binding here; secp256k1 runs on BouncyCastle");
        } catch (RuntimeException | LinkageError e) {
            log.log(System.Logger.Level.WARNING, "libsecp256k1 did not load ({0}); secp256k1 runs on BouncyCastle",
                    e.toString());
        }
        return new BouncyCastleSecp256k1();
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
