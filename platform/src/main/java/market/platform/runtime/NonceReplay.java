package market.platform.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.Topics;
import market.schemas.nonce.NonceClaimed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link NonceLog} of assigned partitions from {@code S.nonces} (read_committed, to
 * the end once no transaction is in flight: a claim the previous owner committed must not be
 * missed). Only the records written in the last signature window, command lifetime and minute
 * can hold a claim still live (a request may be signed up to a window ahead of server time, and
 * its claim holds a command lifetime after its signed time), so the read starts at the offset of
 * that time.
 */
final class NonceReplay {

    private static final Logger log = LoggerFactory.getLogger(NonceReplay.class);

    private final String service;
    private final Topic topic;
    private final KafkaClients clients;
    private final Duration window;
    private final Duration lifetime;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();

    /** {@code lifetime}: how long after its signed time a request's command is still handled. */
    NonceReplay(String service, KafkaClients clients, Duration window, Duration lifetime) {
        this.service = service;
        this.topic = Topics.nonces(service);
        this.clients = clients;
        this.window = window;
        this.lifetime = lifetime;
    }

    Map<Integer, NonceLog> replay(List<Integer> partitionNumbers, Instant now) {
        long started = System.nanoTime();
        Map<Integer, NonceLog> logs = new HashMap<>();
        partitionNumbers.forEach(p -> logs.put(p, new NonceLog()));
        List<TopicPartition> partitions = partitionNumbers.stream().map(p -> new TopicPartition(topic.name(), p)).toList();
        long since = now.minus(window).minus(lifetime).minusSeconds(60).toEpochMilli();
        long claims = 0;
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(clients.consumer(service + "-nonce-replay"))) {
            reader.assign(partitions);
            Map<TopicPartition, Long> end = SettledEnd.of(clients, service + "-nonce-replay-end", reader, partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> from = reader.offsetsForTimes(query);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = from.get(tp);
                reader.seek(tp, start == null ? end.get(tp) : start.offset());
            }
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && apply(logs.get(record.partition()), record)) {
                        claims++;
                    }
                }
            }
        }
        log.info("{}: replayed {} nonce claims of partitions {} in {} ms", service, claims, partitionNumbers,
                (System.nanoTime() - started) / 1_000_000);
        return logs;
    }

    private boolean apply(NonceLog nonces, ConsumerRecord<String, byte[]> record) {
        try {
            NonceClaimed claimed = (NonceClaimed) codec.decode(record.value());
            nonces.claim(new CommandOrigin(claimed.getSigner(), claimed.getNonce(), claimed.getSignedAt()).claim(),
                    claimed.getSignedAt() + lifetime.toSeconds());
            return true;
        } catch (RuntimeException e) {
            log.warn("nonce replay skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return false;
        }
    }
}
