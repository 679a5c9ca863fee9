package market.platform.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Unsigned LEB128 varints, as multiformats (CIDs, multihashes, CAR sections) and protobuf use
 * them, and a bounds-checked reader over a byte range. Values above 2^63 - 1 are refused.
 */
public final class Varint {

    private Varint() {}

    public static void write(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varints here are non-negative");
        }
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    public static int size(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Reads one varint from a stream; -1 at a clean end of stream before its first byte. */
    public static long read(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = in.read();
            if (b < 0) {
                if (shift == 0) {
                    return -1;
                }
                throw new IOException("the stream ends inside a varint");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint too long");
    }

    /** Reads varints and byte runs from {@code bytes[offset, offset+length)}, refusing to read past it. */
    public static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position;

        public Reader(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        public long next() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int b = bytes[position++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        public byte[] bytes(long count) {
            if (count < 0 || count > end - position) {
                throw new IllegalArgumentException("length runs past the end");
            }
            byte[] out = new byte[(int) count];
            System.arraycopy(bytes, position, out, 0, out.length);
            position += out.length;
            return out;
        }

        public void skip(long count) {
            if (count < 0 || count > end - position) {
                throw new IllegalArgumentException("length runs past the end");
            }
            position += (int) count;
        }

        public int position() {
            return position;
        }

        public int remaining() {
            return end - position;
        }
    }
}
