package market.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic the way an outside analytics consumer would: a plain Kafka client with byte
 * keys and values, read_committed, every partition from the beginning to the current end.
 */
public final class TopicReader {

    private TopicReader() {}

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Waits up to 30 s for a record whose value is exactly {@code value}, such as a dead letter. */
    public static ConsumerRecord<byte[], byte[]> awaitValue(String bootstrapServers, String topic, byte[] value)
            throws InterruptedException {
        return await(bootstrapServers, topic, record -> java.util.Arrays.equals(record.value(), value),
                "no record with the expected value on " + topic);
    }

    /** Waits up to 30 s for a record carrying header {@code name} with exactly {@code value}, such as a reply. */
    public static ConsumerRecord<byte[], byte[]> awaitHeader(String bootstrapServers, String topic, String name,
            byte[] value) throws InterruptedException {
        return await(bootstrapServers, topic, record -> {
            var header = record.headers().lastHeader(name);
            return header != null && java.util.Arrays.equals(header.value(), value);
        }, "no record with header " + name + " as expected on " + topic);
    }

    private static ConsumerRecord<byte[], byte[]> await(String bootstrapServers, String topic,
            java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> wanted, String failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : readAll(bootstrapServers, topic)) {
                if (wanted.test(record)) {
                    return record;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(failure);
    }

    public static int partitionCount(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
        }
    }

    /** The sum of the end offsets of every partition: grows whenever anything is written. */
    public static long endOffsetSum(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config);
    }
}
