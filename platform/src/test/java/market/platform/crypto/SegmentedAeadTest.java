package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The segmented encryption against an independent implementation: Google Tink 1.18.0's
 * {@code AesGcmHkdfStreaming} (from Maven Central, test scope only), configured as HKDF-SHA256,
 * 32-byte keys, 65536-byte ciphertext segments and no first-segment offset, opens what
 * {@link SegmentedAead} seals and seals what it opens, at every segment boundary.
 */
class SegmentedAeadTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CONTEXT = Hashes.utf8("market-fragment:42:1");
    /** Plain bytes of the first segment (65536 - 40 header - 16 tag) and of the others (65536 - 16). */
    private static final int FIRST = 65480;
    private static final int NEXT = 65520;

    private final byte[] key = random(32);

    private StreamingAead tink() throws GeneralSecurityException {
        return new AesGcmHkdfStreaming(key, "HmacSha256", 32, SegmentedAead.SEGMENT, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, FIRST - 1, FIRST, FIRST + 1, FIRST + NEXT, FIRST + NEXT + 1, 1_000_000})
    void tinkOpensWhatThisSeals(int size) throws Exception {
        byte[] plain = random(size);

        byte[] sealed = seal(plain);

        assertThat((long) sealed.length).isEqualTo(SegmentedAead.ciphertextSize(size))
                .isEqualTo(((AesGcmHkdfStreaming) tink()).expectedCiphertextSize(size));
        try (InputStream in = tink().newDecryptingStream(new ByteArrayInputStream(sealed), CONTEXT)) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, FIRST, FIRST + 1, FIRST + NEXT, 1_000_000})
    void thisOpensWhatTinkSeals(int size) throws Exception {
        byte[] plain = random(size);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = tink().newEncryptingStream(sealed, CONTEXT)) {
            out.write(plain);
        }

        assertThat(open(sealed.toByteArray(), key, CONTEXT)).isEqualTo(plain);
    }

    @Test
    void aFlippedBitFailsItsSegment() throws Exception {
        byte[] sealed = seal(random(200_000));
        sealed[FIRST + 40 + 16 + 500] ^= 1;

        assertThatThrownBy(() -> open(sealed, key, CONTEXT)).isInstanceOf(IOException.class)
                .hasMessageContaining("segment 1 failed authentication");
    }

    @Test
    void aTruncatedCiphertextFailsEvenAtASegmentBoundary() throws Exception {
        byte[] sealed = seal(random(200_000));

        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, sealed.length - 1), key, CONTEXT))
                .isInstanceOf(IOException.class);
        // cut right after the second segment: the second is then read as the last, and its tag says it is not
        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, 2 * SegmentedAead.SEGMENT), key, CONTEXT))
                .isInstanceOf(IOException.class).hasMessageContaining("segment 1 failed authentication");
    }

    @Test
    void reorderedSegmentsFail() throws Exception {
        byte[] sealed = seal(random(4 * NEXT));
        int second = SegmentedAead.SEGMENT;
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, second + SegmentedAead.SEGMENT, swapped, second, SegmentedAead.SEGMENT);
        System.arraycopy(sealed, second, swapped, second + SegmentedAead.SEGMENT, SegmentedAead.SEGMENT);

        assertThatThrownBy(() -> open(swapped, key, CONTEXT)).isInstanceOf(IOException.class)
                .hasMessageContaining("segment 1 failed authentication");
    }

    @Test
    void opensOnlyWithItsKeyAndContext() throws Exception {
        byte[] sealed = seal(random(1000));

        assertThatThrownBy(() -> open(sealed, random(32), CONTEXT)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> open(sealed, key, Hashes.utf8("market-fragment:42:2"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> open(new byte[10], key, CONTEXT)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad header");
    }

    @Test
    void releasesNoPlaintextOfASegmentThatFails() throws Exception {
        byte[] plain = random(3 * NEXT);
        byte[] sealed = seal(plain);
        sealed[sealed.length - 1] ^= 1; // the last segment's tag

        ByteArrayOutputStream released = new ByteArrayOutputStream();
        try (InputStream in = SegmentedAead.decrypting(key, CONTEXT, new ByteArrayInputStream(sealed))) {
            assertThatThrownBy(() -> in.transferTo(released)).isInstanceOf(IOException.class);
        }
        assertThat(released.size()).isEqualTo(FIRST + 2 * NEXT);
        assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plain, FIRST + 2 * NEXT));
    }

    private byte[] seal(byte[] plain) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = SegmentedAead.encrypting(key, CONTEXT, sealed)) {
            // in uneven pieces, so segments are cut by the stream and not by the caller's writes
            for (int offset = 0; offset < plain.length; offset += 7777) {
                out.write(plain, offset, Math.min(7777, plain.length - offset));
            }
        }
        return sealed.toByteArray();
    }

    private static byte[] open(byte[] sealed, byte[] key, byte[] context) throws IOException {
        try (InputStream in = SegmentedAead.decrypting(key, context, new ByteArrayInputStream(sealed))) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
