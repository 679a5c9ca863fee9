package market.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Each current schema reads what every released version wrote; the codec knows every old fingerprint. */
class SchemaEvolutionTest {

    @Test
    void everyReleasedVersionIsReadableByTheCurrentSchema() {
        List<Schema> released = SchemaCatalog.releasedSchemas();
        assertThat(released).isNotEmpty();
        for (Schema writer : released) {
            Class<? extends SpecificRecord> readerClass = currentClass(writer.getFullName());
            Schema reader = SpecificData.get().getSchema(readerClass);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            assertThat(result.getType())
                    .as("current %s reads released %s: %s", reader.getFullName(), writer, result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void recordsWrittenWithEveryReleasedSchemaDecodeIntoCurrentClasses() throws IOException {
        for (Schema writer : SchemaCatalog.releasedSchemas()) {
            GenericRecord sample = SampleRecords.of(writer);
            byte[] bytes = singleObject(writer, sample);
            SpecificRecord decoded = SingleObjectCodec.standard().decode(bytes);
            assertThat(decoded.getSchema().getFullName()).isEqualTo(writer.getFullName());
        }
    }

    @Test
    void everyCurrentSchemaIsReleased() {
        List<Long> currentFingerprints = Topics.all().stream().flatMap(t -> t.valueTypes().stream())
                .map(type -> SchemaNormalization.parsingFingerprint64(SpecificData.get().getSchema(type))).toList();
        List<Long> released = SchemaCatalog.releasedSchemas().stream()
                .map(SchemaNormalization::parsingFingerprint64).toList();
        assertThat(released).containsAll(currentFingerprints);
    }

    @Test
    void indexListsEveryReleasedFile() throws IOException {
        Path root = Path.of("src/main/resources/released");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> onDisk = files.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(SchemaCatalog.releasedPaths()).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    private static Class<? extends SpecificRecord> currentClass(String fullName) {
        return Topics.all().stream().flatMap(t -> t.valueTypes().stream())
                .filter(type -> SpecificData.get().getSchema(type).getFullName().equals(fullName))
                .findFirst().orElseThrow(() -> new AssertionError("no current class for " + fullName));
    }

    static byte[] singleObject(Schema writer, GenericRecord record) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, 0x01});
        long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fingerprint >>> (8 * i)));
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
