package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import market.platform.signing.Wallet;
import market.platform.testing.TopicReader;
import market.schemas.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * An analytics consumer with nothing but a plain Kafka client, the {@code .avsc} files and a
 * generic Avro reader decodes {@code registry.events}: the README's recipe, run.
 */
class IndependentReaderTest extends RegistryServiceTestBase {

    private static final Path AVRO_DIR = Path.of("..", "schemas", "src", "main", "avro");

    @Test
    void eventsDecodeWithOnlyTheAvscFiles() throws IOException {
        Wallet provider = Wallet.create();
        long dataId = registeredDataset(provider);

        Map<Long, Schema> schemas = new HashMap<>();
        try (Stream<Path> files = Files.walk(AVRO_DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                schemas.put(SchemaNormalization.parsingFingerprint64(schema), schema);
            }
        }

        List<GenericRecord> events = TopicReader.readAll(bootstrapServers(), Topics.REGISTRY_EVENTS.name()).stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(Long.toString(dataId)))
                .map(r -> decode(r, schemas)).toList();

        assertThat(events).extracting(e -> e.getSchema().getName())
                .containsExactly("DataRegistrationStarted", "FragmentStorageConfirmed", "FragmentStorageConfirmed",
                        "DataRegistrationCompleted", "DataPutOnSale");
        assertThat(events.get(0).get("data_id")).isEqualTo(dataId);
        assertThat(events.get(0).get("provider").toString()).isEqualTo(provider.address());
        assertThat(events.get(1).get("cid").toString()).isEqualTo(cid(1));
        assertThat(events.get(3).get("fragments")).asList().hasSize(2);
    }

    /** Single-object encoding: C3 01, 8-byte little-endian CRC-64-AVRO fingerprint, Avro binary body. */
    private static GenericRecord decode(ConsumerRecord<byte[], byte[]> record, Map<Long, Schema> schemas) {
        byte[] value = record.value();
        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(value[1]).isEqualTo((byte) 0x01);
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (value[2 + i] & 0xFFL) << (8 * i);
        }
        Schema schema = schemas.get(fingerprint);
        assertThat(schema).as("schema for fingerprint %016x", fingerprint).isNotNull();
        try {
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
