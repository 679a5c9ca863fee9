package market.registry.datashare.watermark;

/**
 * A deterministic pseudo-random stream under a {@link WatermarkKey}: HMAC-SHA256 of a label, a
 * context and a block counter, read 32 bytes a block. Embedding and extraction draw the same
 * numbers in the same order, so they agree on positions and dithers.
 */
public final class KeyedStream {

    private final WatermarkKey key;
    private final byte[] label;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    KeyedStream(WatermarkKey key, String label, long... context) {
        this.key = key;
        StringBuilder text = new StringBuilder(label);
        for (long c : context) {
            text.append('/').append(c);
        }
        this.label = market.platform.crypto.Hashes.utf8(text.toString());
    }

    public long nextLong() {
        if (used + 8 > block.length) {
            block = key.mac("market-watermark-stream-1", label, java.nio.ByteBuffer.allocate(8).putLong(counter++).array());
            used = 0;
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | block[used++] & 0xFF;
        }
        return value;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
        while (true) {
            long value = nextLong() >>> 1;
            if (value < limit) {
                return (int) (value % bound);
            }
        }
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
