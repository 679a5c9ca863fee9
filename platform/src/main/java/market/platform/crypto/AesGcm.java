package market.platform.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM with a random 96-bit nonce and a 128-bit tag. Output: nonce, ciphertext, tag.
 * The associated data binds a ciphertext to its context (for a fragment key: data id and
 * fragment number), so a ciphertext moved elsewhere fails to open.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        GCMModeCipher cipher = cipher(true, key, nonce, associatedData);
        byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, NONCE_BYTES);
        try {
            cipher.doFinal(out, NONCE_BYTES + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Opens a sealed box; throws {@link IllegalArgumentException} when the key, data or box is wrong. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed box too short");
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
        GCMModeCipher cipher = cipher(false, key, nonce, associatedData);
        byte[] out = new byte[cipher.getOutputSize(sealed.length - NONCE_BYTES)];
        int written = cipher.processBytes(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("authentication failed: wrong key or tampered data", e);
        }
        return out;
    }

    private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes");
        }
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
        return cipher;
    }
}
