package market.schemas;

import java.nio.ByteBuffer;

/** Copies between Avro's {@code bytes} (a ByteBuffer) and arrays; neither side shares the other's memory. */
public final class AvroBytes {

    private AvroBytes() {}

    public static byte[] of(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    public static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }
}
