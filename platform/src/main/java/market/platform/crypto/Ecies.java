package market.platform.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECIES on secp256k1, for wrapping a secret to an account's public key: an ephemeral key pair,
 * ECDH with the recipient's key, HKDF-SHA256 (salt: the ephemeral public key, info: a fixed label
 * and the caller's context) to an AES-256 key, and AES-256-GCM over the secret with the
 * ephemeral key and context as associated data. Box: ephemeral public key (65 bytes,
 * uncompressed), then the {@link AesGcm} sealed box (nonce, ciphertext, tag).
 */
public final class Ecies {

    private static final byte[] LABEL = Hashes.utf8("market-ecies-secp256k1-hkdf-sha256-aes256gcm-1");
    private static final int EPHEMERAL_BYTES = 65;

    private Ecies() {}

    /** Encrypts to a 64-byte (or 65/33-byte encoded) secp256k1 public key. */
    public static byte[] encrypt(byte[] recipientPublicKey, byte[] plaintext, byte[] context) {
        ECPoint recipient = Secp256k1.decodePublicKey(recipientPublicKey);
        BigInteger ephemeral = Secp256k1.newPrivateKey();
        byte[] ephemeralPublic = new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), ephemeral)
                .normalize().getEncoded(false);
        byte[] key = key(recipient.multiply(ephemeral), ephemeralPublic, context);
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
        if (box.length <= EPHEMERAL_BYTES) {
            throw new IllegalArgumentException("box too short");
        }
        byte[] ephemeralPublic = Arrays.copyOfRange(box, 0, EPHEMERAL_BYTES);
        ECPoint ephemeral = Secp256k1.decodePublicKey(ephemeralPublic);
        byte[] key = key(ephemeral.multiply(recipientPrivateKey), ephemeralPublic, context);
        try {
            return AesGcm.open(key, Arrays.copyOfRange(box, EPHEMERAL_BYTES, box.length),
                    associatedData(ephemeralPublic, context));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] key(ECPoint shared, byte[] ephemeralPublic, byte[] context) {
        ECPoint point = shared.normalize();
        if (point.isInfinity()) {
            throw new IllegalArgumentException("degenerate shared point");
        }
        byte[] secret = point.getAffineXCoord().getEncoded();
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
