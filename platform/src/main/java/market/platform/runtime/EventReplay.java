package market.platform.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.schemas.SingleObjectCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions of a service's events topic from the beginning to the end offsets taken at
 * the start (read_committed), folding every event into one {@link AggregateStates} per
 * partition. A record that cannot be read is skipped here; the projection dead-letters it.
 */
final class EventReplay {

    private static final Logger log = LoggerFactory.getLogger(EventReplay.class);

    private final ServiceModel model;
    private final KafkaClients clients;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();

    EventReplay(ServiceModel model, KafkaClients clients) {
        this.model = model;
        this.clients = clients;
    }

    Map<Integer, AggregateStates> replay(List<Integer> partitionNumbers) {
        long started = System.nanoTime();
        Map<Integer, AggregateStates> states = new HashMap<>();
        List<TopicPartition> partitions = partitionNumbers.stream()
                .map(p -> new TopicPartition(model.events().name(), p)).toList();
        long events = 0;
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(clients.consumer(model.service() + "-replay"))) {
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            partitionNumbers.forEach(p -> states.put(p, new AggregateStates(model)));
            while (!reachedEnd(reader, end)) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    if (apply(states.get(record.partition()), record)) {
                        events++;
                    }
                }
            }
        }
        log.info("{}: replayed {} events of partitions {} in {} ms", model.service(), events, partitionNumbers,
                (System.nanoTime() - started) / 1_000_000);
        return states;
    }

    private boolean apply(AggregateStates states, ConsumerRecord<String, byte[]> record) {
        try {
            states.apply(record.key(), model.eventTranslator().toDomain(codec.decode(record.value())));
            return true;
        } catch (RuntimeException e) {
            log.warn("replay skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
    }
}
