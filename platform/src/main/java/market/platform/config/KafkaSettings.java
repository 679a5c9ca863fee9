package market.platform.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka client settings over the runtime's own, under {@code market.kafka.*}: for example
 * {@code market.kafka.consumer.fetch.max.wait.ms=5} or {@code market.kafka.producer.retry.backoff.ms=5}.
 * The settings exactly-once delivery, durability and the keyed routing of commands rest on
 * (isolation level, idempotence, acks, transactional ids, groups, the partitioner) are fixed, and
 * a service that is given one, or a value Kafka cannot read, does not start.
 *
 * @param consumer settings of every consumer the runtime makes
 * @param producer settings of every producer the runtime makes
 * @param connection how every client reaches the brokers: {@code security.protocol}, {@code sasl.*}
 *     and {@code ssl.*} only, such as {@code market.kafka.connection.sasl.mechanism=SCRAM-SHA-512}
 */
@ConfigurationProperties("market.kafka")
public record KafkaSettings(Map<String, String> consumer, Map<String, String> producer, Map<String, String> connection) {

    public KafkaSettings {
        consumer = consumer == null ? Map.of() : Map.copyOf(consumer);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        connection = connection == null ? Map.of() : Map.copyOf(connection);
    }
}
