package market.platform.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.util.encoders.Hex;

/** Keccak-256 (Ethereum's, not SHA3-256), SHA-256 and hex helpers. */
public final class Hashes {

    private Hashes() {}

    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    public static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    public static String sha256Hex(byte[] data) {
        return Hex.toHexString(sha256(data));
    }

    /** A fresh SHA-256, to hash a stream as it passes (the JDK's, which uses the CPU's SHA instructions). */
    public static java.security.MessageDigest sha256Digest() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of a file in hex, read a buffer at a time. */
    public static String sha256Hex(java.nio.file.Path file) throws java.io.IOException {
        java.security.MessageDigest sha = sha256Digest();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] buffer = new byte[256 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, read);
            }
        }
        return Hex.toHexString(sha.digest());
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex with a {@code 0x} prefix. */
    public static String toHex0x(byte[] bytes) {
        return "0x" + Hex.toHexString(bytes);
    }

    /**
     * Decodes hex with or without {@code 0x}; throws {@link IllegalArgumentException} on bad input.
     * The message never repeats the input, which may be a key.
     */
    public static byte[] fromHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("not an even number of hex digits");
        }
        return Hex.decode(digits);
    }

    /** The value of one ASCII hex digit, or -1 for any other character. */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** True when {@code text} is a SHA-256 digest in hex: 64 hex digits, optionally after {@code 0x}. */
    public static boolean isSha256Hex(String text) {
        return text != null && text.matches("(0x)?[0-9a-fA-F]{64}");
    }
}
