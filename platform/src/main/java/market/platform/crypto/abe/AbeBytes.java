package market.platform.crypto.abe;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte layouts of ABE keys and ciphertexts: a 4-byte tag (three letters and a version),
 * then fixed-size points and scalars, 16-bit counts and lengths, UTF-8 strings. {@link Reader}
 * refuses short input, bad UTF-8 and trailing bytes with an {@link AbeException}.
 */
final class AbeBytes {

    private AbeBytes() {}

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Writer u16(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("does not fit 16 bits: " + value);
            }
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        /** UTF-8, refusing a string that is not well-formed Unicode rather than replacing its bad characters. */
        Writer string(String text) {
            byte[] utf8;
            try {
                ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(java.nio.CharBuffer.wrap(text));
                utf8 = new byte[encoded.remaining()];
                encoded.get(utf8);
            } catch (CharacterCodingException e) {
                throw new AbeException("an attribute string is not well-formed Unicode");
            }
            return u16(utf8.length).bytes(utf8);
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final ByteBuffer in;
        private final String what;

        Reader(byte[] bytes, String what, byte[] tag) {
            this.in = ByteBuffer.wrap(bytes);
            this.what = what;
            if (!Arrays.equals(bytes(tag.length), tag)) {
                throw new AbeException(what + " does not start with its tag: not this kind of object, or another version");
            }
        }

        byte[] bytes(int length) {
            try {
                byte[] out = new byte[length];
                in.get(out);
                return out;
            } catch (BufferUnderflowException e) {
                throw new AbeException(what + " is cut short");
            }
        }

        int u16() {
            byte[] two = bytes(2);
            return (two[0] & 0xFF) << 8 | two[1] & 0xFF;
        }

        int u8() {
            return bytes(1)[0] & 0xFF;
        }

        String string() {
            byte[] utf8 = bytes(u16());
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(utf8)).toString();
            } catch (CharacterCodingException e) {
                throw new AbeException(what + " holds a string that is not UTF-8");
            }
        }

        int position() {
            return in.position();
        }

        byte[] rest() {
            return bytes(in.remaining());
        }

        void end() {
            if (in.hasRemaining()) {
                throw new AbeException(what + " has " + in.remaining() + " bytes past its end");
            }
        }

        String what() {
            return what;
        }
    }
}
