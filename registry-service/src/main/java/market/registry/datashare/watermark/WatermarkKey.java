package market.registry.datashare.watermark;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import market.platform.crypto.Hashes;

/**
 * A provider's watermark key: 32 random bytes, kept in the registry's custody. It selects where
 * blind marks go (which image coefficients and dithers, which table cells), masks the bits put
 * there, and derives the 96-bit {@link #code code} of a mark. Without it the marks cannot be
 * located, read or told from noise. Never printed.
 */
public final class WatermarkKey {

    public static final int BYTES = 32;
    /** Bits of a mark's code. */
    public static final int CODE_BITS = 96;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;
    // one initialised HMAC per thread: doFinal resets it for the next message under the same key
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public WatermarkKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a watermark key is " + BYTES + " bytes");
        }
        this.key = key.clone();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static WatermarkKey generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new WatermarkKey(key);
    }

    public byte[] bytes() {
        return key.clone();
    }

    /** HMAC-SHA256 under this key of a label and parts, each length-prefixed. */
    public byte[] mac(String label, byte[]... parts) {
        Mac mac = macs.get();
        update(mac, Hashes.utf8(label));
        for (byte[] part : parts) {
            update(mac, part);
        }
        return mac.doFinal();
    }

    /** The bits a mark is embedded as: the first 96 bits of a MAC of the mark. */
    public boolean[] code(String mark) {
        byte[] mac = mac("market-watermark-code-1", Hashes.utf8(mark));
        boolean[] bits = new boolean[CODE_BITS];
        for (int i = 0; i < CODE_BITS; i++) {
            bits[i] = (mac[i / 8] >>> (i % 8) & 1) == 1;
        }
        return bits;
    }

    /** A deterministic stream of numbers under this key, for one purpose. */
    public KeyedStream stream(String label, long... context) {
        return new KeyedStream(this, label, context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WatermarkKey k && java.security.MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Hashes.sha256(key));
    }

    @Override
    public String toString() {
        return "WatermarkKey[…]";
    }

    private static void update(Mac mac, byte[] part) {
        mac.update(new byte[] {(byte) (part.length >>> 24), (byte) (part.length >>> 16), (byte) (part.length >>> 8), (byte) part.length});
        mac.update(part);
    }
}
