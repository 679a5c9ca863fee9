package market.platform.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * ECIES on secp256k1, for wrapping a secret to an account's public key: an ephemeral key pair,
 * ECDH with the recipient's key, HKDF-SHA256 (salt: the ephemeral public key, info: a fixed label
 * and the caller's context) to an AES-256 key, and AES-256-GCM over the secret with the
 * ephemeral key and context as associated data. Box: ephemeral public key (65 bytes,
 * uncompressed), then the {@link AesGcm} sealed box (nonce, ciphertext, tag). The curve
 * arithmetic is {@link Secp256k1#engine()}'s.
 */
public final class Ecies {

    private static final byte[] LABEL = Hashes.utf8("market-ecies-secp256k1-hkdf-sha256-aes256gcm-1");
    private static final int EPHEMERAL_BYTES = 65;

    private Ecies() {}

    /** Encrypts to a 64-byte (or 65/33-byte encoded) secp256k1 public key. */
    public static byte[] encrypt(byte[] recipientPublicKey, byte[] plaintext, byte[] context) {
        return encrypt(Secp256k1.engine(), recipientPublicKey, plaintext, context);
    }

    static byte[] encrypt(Secp256k1Engine engine, byte[] recipientPublicKey, byte[] plaintext, byte[] context) {
        byte[] recipient = Secp256k1.raw64(Secp256k1.decodePublicKey(recipientPublicKey));
        byte[] ephemeral = Secp256k1.fixed32(Secp256k1.newPrivateKey());
        byte[] ephemeralPublic = Secp256k1.uncompressed(engine.publicKey(ephemeral));
        byte[] key = key(engine.sharedX(recipient, ephemeral), ephemeralPublic, context);
        Arrays.fill(ephemeral, (byte) 0);
        try {
            byte[] sealed = AesGcm.seal(key, plaintext, associatedData(ephemeralPublic, context));
            byte[] box = new byte[EPHEMERAL_BYTES + sealed.length];
            System.arraycopy(ephemeralPublic, 0, box, 0, EPHEMERAL_BYTES);
            System.arraycopy(sealed, 0, box, EPHEMERAL_BYTES, sealed.length);
            return box;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Opens a box with the recipient's private key; throws {@link IllegalArgumentException} if it does not open. */
    public static byte[] decrypt(BigInteger recipientPrivateKey, byte[] box, byte[] context) {
        return decrypt(Secp256k1.engine(), recipientPrivateKey, box, context);
    }

    static byte[] decrypt(Secp256k1Engine engine, BigInteger recipientPrivateKey, byte[] box, byte[] context) {
        if (box.length <= EPHEMERAL_BYTES) {
            throw new IllegalArgumentException("box too short");
        }
        byte[] ephemeralPublic = Arrays.copyOfRange(box, 0, EPHEMERAL_BYTES);
        byte[] ephemeral = Secp256k1.raw64(Secp256k1.decodePublicKey(ephemeralPublic));
        if (!Secp256k1.isValidPrivateKey(recipientPrivateKey)) {
            throw new IllegalArgumentException("a private key is in [1, n-1]");
        }
        byte[] privateKey = Secp256k1.fixed32(recipientPrivateKey);
        byte[] key = key(engine.sharedX(ephemeral, privateKey), ephemeralPublic, context);
        Arrays.fill(privateKey, (byte) 0);
        try {
            return AesGcm.open(key, Arrays.copyOfRange(box, EPHEMERAL_BYTES, box.length),
                    associatedData(ephemeralPublic, context));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] key(byte[] secret, byte[] ephemeralPublic, byte[] context) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, ephemeralPublic, concat(LABEL, context)));
        byte[] key = new byte[AesGcm.KEY_BYTES];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(secret, (byte) 0);
        return key;
    }

    private static byte[] associatedData(byte[] ephemeralPublic, byte[] context) {
        return concat(ephemeralPublic, context);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
