package market.platform.runtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be processed to its dead-letter topic, unchanged, with headers
 * naming where it came from and why it failed. The caller's producer decides whether this is
 * part of a transaction.
 */
public final class DeadLetters {

    public static final String ORIGINAL_TOPIC = "market-dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "market-dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "market-dlt-original-offset";
    public static final String REASON = "market-dlt-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {}

    public static void send(Producer<String, byte[]> producer, String deadLetterTopic,
            ConsumerRecord<String, byte[]> record, Exception reason) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        Headers headers = letter.headers();
        record.headers().forEach(headers::add);
        headers.add(ORIGINAL_TOPIC, bytes(record.topic()));
        headers.add(ORIGINAL_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET, bytes(Long.toString(record.offset())));
        headers.add(REASON, bytes(String.valueOf(reason.getMessage())));
        producer.send(letter);
        log.warn("dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, reason.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
