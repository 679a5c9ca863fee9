package market.platform.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read_committed end offsets of partitions once no transaction is in flight on them: a
 * transaction the previous owner committed may still lack its markers, and until they are written
 * its records lie past the end a read_committed reader sees. Waits, up to a transaction's timeout,
 * for that end to reach the log's end (the high watermark). Shared by the replays of events and
 * of nonce claims, which a new owner must read whole.
 */
final class SettledEnd {

    private static final Logger log = LoggerFactory.getLogger(SettledEnd.class);
    /** As long as a transaction may stay open: the producers' default {@code transaction.timeout.ms}. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private SettledEnd() {}

    static Map<TopicPartition, Long> of(KafkaClients clients, String clientId, KafkaConsumer<String, byte[]> reader,
            List<TopicPartition> partitions) {
        Map<String, Object> config = clients.consumer(clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> uncommitted = new KafkaConsumer<>(config)) {
            while (true) {
                Map<TopicPartition, Long> logEnd = uncommitted.endOffsets(partitions);
                Map<TopicPartition, Long> end = reader.endOffsets(partitions);
                if (end.equals(logEnd) || System.nanoTime() > deadline) {
                    if (!end.equals(logEnd)) {
                        log.warn("{}: a transaction is still open on {} after {}; reading to {}", clientId,
                                partitions, TIMEOUT, end);
                    }
                    return end;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new org.apache.kafka.common.errors.InterruptException(e);
                }
            }
        }
    }
}
