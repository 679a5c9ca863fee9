package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.UUID;
import market.platform.runtime.DeadLetters;
import market.platform.signing.Wallet;
import market.platform.testing.TopicReader;
import market.schemas.Topic;
import market.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A record nobody can read goes to its dead-letter topic, and the service keeps serving. */
class PoisonRecordTest extends RegistryServiceTestBase {

    @Test
    void aPoisonEventIsDeadLetteredAndTheServiceKeepsRunning() throws Exception {
        byte[] poison = ("not an event " + UUID.randomUUID()).getBytes();
        produce(Topics.REGISTRY_EVENTS, "poison-key", poison);
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(Topics.REGISTRY_EVENTS_DLT, poison);
        assertThat(new String(letter.headers().lastHeader(DeadLetters.ORIGINAL_TOPIC).value()))
                .isEqualTo(Topics.REGISTRY_EVENTS.name());
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value())).contains("C3 01");

        registeredDataset(Wallet.create());
    }

    @Test
    void aPoisonCommandIsDeadLetteredAndTheServiceKeepsRunning() throws Exception {
        byte[] poison = new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, (byte) UUID.randomUUID().hashCode()};
        produce(Topics.REGISTRY_COMMANDS, "42", poison);
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(Topics.REGISTRY_COMMANDS_DLT, poison);
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value()))
                .contains("unknown schema fingerprint");

        registeredDataset(Wallet.create());
    }

    private static void produce(Topic topic, String key, byte[] value) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(Topic deadLetters, byte[] value)
            throws InterruptedException {
        return TopicReader.awaitValue(bootstrapServers(), deadLetters.name(), value);
    }
}
