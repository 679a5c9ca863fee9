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
 * Reads partitions of a service's events topic to the end offsets taken at the start
 * (read_committed), folding every event into one {@link AggregateStates} per partition. With
 * {@link Snapshots}, a partition that has a trustworthy snapshot starts from its states and
 * replays only the events after the offset it covers; any other starts from the beginning. A
 * record that cannot be read is skipped here; the projection dead-letters it.
 */
final class EventReplay {

    private static final Logger log = LoggerFactory.getLogger(EventReplay.class);

    private final ServiceModel model;
    private final KafkaClients clients;
    private final Snapshots snapshots;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();

    EventReplay(ServiceModel model, KafkaClients clients, Snapshots snapshots) {
        this.model = model;
        this.clients = clients;
        this.snapshots = snapshots;
    }

    /**
     * The replayed states of each partition, the events offset they cover (the end offset read
     * to), and the offset of the snapshot each started from (0 for none).
     */
    record Result(Map<Integer, AggregateStates> states, Map<Integer, Long> covered, Map<Integer, Long> snapshotAt) {}

    Result replay(List<Integer> partitionNumbers) {
        long started = System.nanoTime();
        Map<Integer, AggregateStates> states = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        Map<Integer, Long> snapshotAt = new HashMap<>();
        List<TopicPartition> partitions = partitionNumbers.stream()
                .map(p -> new TopicPartition(model.events().name(), p)).toList();
        long events = 0;
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(clients.consumer(model.service() + "-replay"))) {
            reader.assign(partitions);
            Map<TopicPartition, Long> end = SettledEnd.of(clients, model.service() + "-replay-end", reader, partitions);
            end.forEach((tp, offset) -> ends.put(tp.partition(), offset));
            Map<Integer, Snapshots.Loaded> loaded = latestSnapshots(partitionNumbers, ends);
            for (TopicPartition tp : partitions) {
                Snapshots.Loaded snapshot = loaded.get(tp.partition());
                if (snapshot != null) {
                    states.put(tp.partition(), snapshot.states());
                    reader.seek(tp, snapshot.eventsOffset());
                    snapshotAt.put(tp.partition(), snapshot.eventsOffset());
                } else {
                    states.put(tp.partition(), new AggregateStates(model));
                    reader.seekToBeginning(List.of(tp));
                    snapshotAt.put(tp.partition(), 0L);
                }
            }
            while (!reachedEnd(reader, end)) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    // only what the end offsets taken at the start cover: the state is said to cover them
                    if (record.offset() < ends.get(record.partition()) && apply(states.get(record.partition()), record)) {
                        events++;
                    }
                }
                reader.pause(partitions.stream().filter(tp -> reader.position(tp) >= end.get(tp)).toList());
            }
            log.info("{}: replayed {} events of partitions {} in {} ms{}", model.service(), events, partitionNumbers,
                    (System.nanoTime() - started) / 1_000_000,
                    loaded.isEmpty() ? "" : ", after the snapshots of partitions " + loaded.keySet());
        }
        return new Result(states, ends, snapshotAt);
    }

    private Map<Integer, Snapshots.Loaded> latestSnapshots(List<Integer> partitionNumbers, Map<Integer, Long> ends) {
        if (snapshots == null) {
            return Map.of();
        }
        try {
            return snapshots.latest(partitionNumbers, ends);
        } catch (RuntimeException e) {
            log.warn("{}: snapshots could not be read ({}); replaying from the first event", model.service(),
                    e.toString());
            return Map.of();
        }
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
