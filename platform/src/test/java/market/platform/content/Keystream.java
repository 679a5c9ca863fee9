package market.platform.content;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test input that looks like ciphertext and that any tool can make again: the AES-256-CTR
 * keystream under a key of 32 zero bytes and an initial counter block of 16 zero bytes, the bytes
 * {@code openssl enc -aes-256-ctr} or Node's {@code crypto.createCipheriv} give for zeros.
 */
final class Keystream {

    private Keystream() {}

    static byte[] bytes(int size) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size);
        try {
            write(size, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Streams {@code size} keystream bytes into {@code out}, 1 MiB at a time. */
    static void write(long size, OutputStream out) throws IOException {
        Cipher cipher = cipher();
        byte[] zeros = new byte[1 << 20];
        long left = size;
        while (left > 0) {
            int take = (int) Math.min(left, zeros.length);
            out.write(cipher.update(zeros, 0, take));
            left -= take;
        }
    }

    private static Cipher cipher() {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], "AES"), new IvParameterSpec(new byte[16]));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
