package market.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding, as the Avro specification defines it: the two marker bytes
 * {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the
 * binary body. Every Kafka value in the marketplace is written this way, so one topic can carry
 * several record types and any Avro library holding the {@code .avsc} files can read it.
 * Decoding resolves the writer schema named by the fingerprint against the current class, so
 * data written by any released schema version stays readable.
 */
public final class SingleObjectCodec {

    public static final byte MARKER_0 = (byte) 0xC3;
    public static final byte MARKER_1 = (byte) 0x01;
    public static final int HEADER_LENGTH = 10;

    private static final byte[] NO_BYTES = new byte[0];
    private static final SingleObjectCodec STANDARD = new SingleObjectCodec(SchemaCatalog.standard());

    private final SchemaCatalog catalog;
    /**
     * Readers and writers cost far more to build than to run (a reader resolves its writer schema
     * against the reader's each time it is made), and Avro's are not shared between threads: each
     * thread keeps its own, by writer fingerprint and by record class.
     */
    private final ThreadLocal<Coders> coders = ThreadLocal.withInitial(Coders::new);

    private static final class Coders {
        final java.util.Map<Long, SpecificDatumReader<SpecificRecord>> readers = new java.util.HashMap<>();
        final java.util.Map<Class<?>, SpecificDatumWriter<SpecificRecord>> writers = new java.util.HashMap<>();
        BinaryDecoder decoder;
    }

    public SingleObjectCodec(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    public static SingleObjectCodec standard() {
        return STANDARD;
    }

    public byte[] encode(SpecificRecord record) {
        long fingerprint = catalog.fingerprintOf(record.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MARKER_0);
        out.write(MARKER_1);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fingerprint >>> (8 * i)));
        }
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            coders.get().writers.computeIfAbsent(record.getClass(), type -> new SpecificDatumWriter<>(record.getSchema()))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one value. Its strings are {@link SharedStrings}: an address or a tag that many
     * records carry is one instance, however many of them a service holds.
     *
     * @throws UndecodableException when the bytes are not single-object encoded, carry an unknown
     *     fingerprint, or do not match their writer schema
     */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new UndecodableException("not Avro single-object encoding: missing C3 01 header");
        }
        long fingerprint = fingerprint(bytes);
        SchemaCatalog.Entry entry = catalog.find(fingerprint).orElseThrow(() -> new UndecodableException(
                "unknown schema fingerprint " + String.format("%016x", fingerprint)
                        + ": no current or released schema has it"));
        try {
            Coders mine = coders.get();
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, mine.decoder);
            mine.decoder = decoder;
            SpecificDatumReader<SpecificRecord> reader = mine.readers.computeIfAbsent(fingerprint,
                    f -> new SpecificDatumReader<>(entry.writer(),
                            org.apache.avro.specific.SpecificData.get().getSchema(entry.readerClass())));
            SpecificRecord record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableException("trailing bytes after " + entry.writer().getFullName());
            }
            SharedStrings.shareIn(record);
            // the kept decoder would otherwise hold on to these bytes, a whole snapshot chunk maybe
            mine.decoder = DecoderFactory.get().binaryDecoder(NO_BYTES, decoder);
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UndecodableException undecodable) {
                throw undecodable;
            }
            throw new UndecodableException("body does not match schema " + entry.writer().getFullName() + ": " + e, e);
        }
    }

    /** The fingerprint in the header of single-object encoded bytes. */
    public static long fingerprint(byte[] bytes) {
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (bytes[2 + i] & 0xFFL) << (8 * i);
        }
        return fingerprint;
    }

    /** Bytes that cannot be turned into a known record. */
    public static final class UndecodableException extends RuntimeException {
        public UndecodableException(String message) {
            super(message);
        }

        public UndecodableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
