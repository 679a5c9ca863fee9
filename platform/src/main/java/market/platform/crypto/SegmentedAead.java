package market.platform.crypto;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming authenticated encryption of a fragment in segments: the STREAM construction of Hoang,
 * Reyhanitabar, Rogaway and Vizár ("Online Authenticated-Encryption and its Nonce-Reuse
 * Misuse-Resistance", CRYPTO 2015), in the byte layout of Tink's {@code AesGcmHkdfStreaming} with
 * HKDF-SHA256, 32-byte derived keys, {@link #SEGMENT}-byte ciphertext segments and no first
 * segment offset, so Tink reads what this writes and the other way round.
 *
 * <p>The ciphertext is a header (its own length, 40; a random 32-byte salt; a random 7-byte nonce
 * prefix), then segments, each AES-256-GCM with a 16-byte tag. The segment key is
 * HKDF-SHA256(key, salt, info = context), so a ciphertext opens only under the context it was made
 * for (its dataset and fragment). Segment {@code i}'s nonce is the prefix, {@code i} as 4 bytes big
 * endian, and 1 for the last segment or 0 before it: a reordered, repeated or truncated segment
 * fails its tag. The header and the first segment together fill one segment.
 *
 * <p>Both directions stream with one segment in memory. The decrypting stream hands out a
 * segment's plaintext only once its tag has verified, and reports the end of the plaintext only
 * after the last segment has; anything else ends in an {@link IOException}.
 */
public final class SegmentedAead {

    /** Bytes of a ciphertext segment; the first one shares them with the header. */
    public static final int SEGMENT = 64 * 1024;
    private static final int KEY_BYTES = 32;
    private static final int PREFIX_BYTES = 7;
    private static final int TAG_BYTES = 16;
    private static final int HEADER = 1 + KEY_BYTES + PREFIX_BYTES;
    private static final int FIRST_PLAIN = SEGMENT - HEADER - TAG_BYTES;
    private static final int PLAIN = SEGMENT - TAG_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentedAead() {}

    /** The context a dataset's fragment is encrypted under: its data_id and fragment number. */
    public static byte[] fragmentContext(long dataId, long fragmentNo) {
        return Hashes.utf8("market-fragment:" + dataId + ":" + fragmentNo);
    }

    /** The ciphertext size of {@code plaintextSize} bytes: header, data, and one tag a segment. */
    public static long ciphertextSize(long plaintextSize) {
        long afterFirst = Math.max(0, plaintextSize - FIRST_PLAIN);
        long segments = 1 + (afterFirst + PLAIN - 1) / PLAIN;
        return HEADER + plaintextSize + segments * TAG_BYTES;
    }

    /** Encrypts what is written to it into {@code out}; closing it writes the last segment and closes {@code out}. */
    public static OutputStream encrypting(byte[] key, byte[] context, OutputStream out) throws IOException {
        byte[] salt = random(KEY_BYTES);
        byte[] prefix = random(PREFIX_BYTES);
        out.write(HEADER);
        out.write(salt);
        out.write(prefix);
        return new Encrypting(out, segmentKey(key, salt, context), prefix);
    }

    /** Decrypts the ciphertext read from {@code in}, one verified segment at a time. */
    public static InputStream decrypting(byte[] key, byte[] context, InputStream in) throws IOException {
        byte[] header = in.readNBytes(HEADER);
        if (header.length != HEADER || header[0] != HEADER) {
            throw new IOException("not a segmented ciphertext: bad header");
        }
        return new Decrypting(in, segmentKey(key, Arrays.copyOfRange(header, 1, 1 + KEY_BYTES), context),
                Arrays.copyOfRange(header, 1 + KEY_BYTES, HEADER));
    }

    private static final class Encrypting extends FilterOutputStream {
        private final SecretKeySpec key;
        private final byte[] prefix;
        private final Cipher cipher = gcm();
        private byte[] buffer = new byte[FIRST_PLAIN];
        private int filled;
        private long segment;
        private boolean closed;

        Encrypting(OutputStream out, SecretKeySpec key, byte[] prefix) {
            super(out);
            this.key = key;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("the encrypting stream is closed");
            }
            while (length > 0) {
                if (filled == buffer.length) {
                    seal(false);
                }
                int take = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, take);
                filled += take;
                offset += take;
                length -= take;
            }
        }

        /** A full segment is sealed only when more bytes come, so the one sealed at close is the last. */
        private void seal(boolean last) throws IOException {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(prefix, segment++, last));
                out.write(cipher.doFinal(buffer, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            if (buffer.length != PLAIN) {
                buffer = new byte[PLAIN];
            }
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            seal(true);
            closed = true;
            out.close();
        }
    }

    private static final class Decrypting extends InputStream {
        private final InputStream in;
        private final SecretKeySpec key;
        private final byte[] prefix;
        private final Cipher cipher = gcm();
        private byte[] plain = new byte[0];
        private int position;
        private long segment;
        private int lookahead = -1;
        private boolean done;

        Decrypting(InputStream in, SecretKeySpec key, byte[] prefix) {
            this.in = in;
            this.key = key;
            this.prefix = prefix;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == plain.length) {
                if (done) {
                    return -1;
                }
                open();
            }
            int take = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, bytes, offset, take);
            position += take;
            return take;
        }

        /** Reads the next segment and one byte past it: when there is none, this segment is the last. */
        private void open() throws IOException {
            int size = segment == 0 ? SEGMENT - HEADER : SEGMENT;
            byte[] sealed = new byte[size];
            int filled = 0;
            if (lookahead >= 0) {
                sealed[filled++] = (byte) lookahead;
            }
            filled += in.readNBytes(sealed, filled, size - filled);
            lookahead = filled == size ? in.read() : -1;
            boolean last = lookahead < 0;
            if (filled < TAG_BYTES) {
                throw new IOException("segment " + segment + " is truncated");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(prefix, segment, last));
                plain = cipher.doFinal(sealed, 0, filled);
            } catch (AEADBadTagException e) {
                throw new IOException("segment " + segment + " failed authentication: the ciphertext is corrupted, "
                        + "truncated or reordered, or the key or context is wrong");
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            position = 0;
            segment++;
            done = last;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static GCMParameterSpec nonce(byte[] prefix, long segment, boolean last) {
        if (segment > 0xFFFFFFFFL) {
            throw new IllegalStateException("too many segments");
        }
        ByteBuffer nonce = ByteBuffer.allocate(12);
        nonce.put(prefix).putInt((int) segment).put((byte) (last ? 1 : 0));
        return new GCMParameterSpec(TAG_BYTES * 8, nonce.array());
    }

    /** HKDF-SHA256 (RFC 5869) of {@code key} with {@code salt} and {@code context} as info, 32 bytes. */
    private static SecretKeySpec segmentKey(byte[] key, byte[] salt, byte[] context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] pseudoRandomKey = mac.doFinal(key);
            mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            mac.update(context);
            mac.update((byte) 1);
            return new SecretKeySpec(mac.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }
}
