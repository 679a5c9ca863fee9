package market.registry.wire;

import java.nio.ByteBuffer;

/** Copies between Avro's {@code bytes} (a ByteBuffer) and arrays. */
final class Bytes {

    private Bytes() {}

    static byte[] of(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }
}
