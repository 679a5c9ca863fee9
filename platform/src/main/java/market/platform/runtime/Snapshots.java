package market.platform.runtime;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.Topics;
import market.snapshot.AggregateSnapshot;
import market.snapshot.PartitionSnapshot;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's snapshots on {@code S.snapshots} (one partition, compacted): the state the command
 * processor holds for one partition of {@code S.events}, with the offset it covers, as
 * {@link PartitionSnapshot} chunks of at most {@value #CHUNK_BYTES} bytes of state, keyed
 * {@code <partition>-<chunk>}. Each aggregate's state is written with its {@link StateCodec}.
 * Reading takes, for each partition, the complete snapshot (every chunk of one id) with the
 * highest offset that the events partition still reaches; a chunk that cannot be decoded, a state
 * of another schema or one that does not decode makes that snapshot ignored, never trusted: the
 * partition is replayed from an older one or from the start. A snapshot only shortens replay.
 */
final class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    static final int CHUNK_BYTES = 512 * 1024;

    private final ServiceModel model;
    private final KafkaClients clients;
    private final Topic topic;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final Map<String, StateCodec> codecs = new HashMap<>();
    private final Map<String, AggregateType<?, ?, ?>> types = new HashMap<>();

    Snapshots(ServiceModel model, KafkaClients clients) {
        this.model = model;
        this.clients = clients;
        this.topic = Topics.snapshots(model.service());
        for (AggregateType<?, ?, ?> type : model.aggregates()) {
            codecs.put(type.name(), StateCodec.of(type.decider().initialState().getClass()));
            types.put(type.name(), type);
        }
    }

    Topic topic() {
        return topic;
    }

    /** A partition's states as a snapshot covers them: replay goes on from {@code eventsOffset}. */
    record Loaded(AggregateStates states, long eventsOffset) {}

    /** Sends a snapshot of {@code states}, covering the events before {@code eventsOffset}, inside the producer's open transaction. */
    int write(Producer<String, byte[]> producer, int partition, long eventsOffset, AggregateStates states,
            Instant at) {
        List<List<AggregateSnapshot>> chunks = new ArrayList<>();
        List<AggregateSnapshot> current = new ArrayList<>();
        long bytes = 0;
        for (AggregateStates.Entry entry : states.entries()) {
            StateCodec stateCodec = codecs.get(entry.type());
            byte[] state = stateCodec.encode(entry.state());
            if (!current.isEmpty() && bytes + state.length > CHUNK_BYTES) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(new AggregateSnapshot(entry.type(), entry.key(), stateCodec.fingerprint(),
                    ByteBuffer.wrap(state)));
            bytes += state.length + entry.key().length() + 32;
        }
        chunks.add(current);
        String id = UUID.randomUUID().toString();
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            PartitionSnapshot snapshot = new PartitionSnapshot(model.service(), partition, eventsOffset, id, chunk,
                    chunks.size(), at, ByteBuffer.wrap(digest(chunks.get(chunk))), chunks.get(chunk));
            producer.send(new ProducerRecord<>(topic.name(), 0, partition + "-" + chunk, codec.encode(snapshot)));
        }
        return chunks.size();
    }

    /** The latest trustworthy snapshot of each of {@code partitions} that has one. */
    Map<Integer, Loaded> latest(List<Integer> partitions, Map<Integer, Long> eventsEnd) {
        Map<Integer, Map<String, TreeMap<Integer, PartitionSnapshot>>> found = read(partitions);
        Map<Integer, Loaded> loaded = new HashMap<>();
        for (int partition : partitions) {
            List<TreeMap<Integer, PartitionSnapshot>> complete = new ArrayList<>();
            for (TreeMap<Integer, PartitionSnapshot> chunks : found.getOrDefault(partition, Map.of()).values()) {
                int expected = chunks.firstEntry().getValue().getChunks();
                if (chunks.size() == expected && chunks.firstKey() == 0 && chunks.lastKey() == expected - 1) {
                    complete.add(chunks);
                }
            }
            complete.sort((a, b) -> Long.compare(b.firstEntry().getValue().getEventsOffset(),
                    a.firstEntry().getValue().getEventsOffset()));
            for (TreeMap<Integer, PartitionSnapshot> chunks : complete) {
                Loaded candidate = restore(partition, chunks, eventsEnd.getOrDefault(partition, 0L));
                if (candidate != null) {
                    loaded.put(partition, candidate);
                    break;
                }
            }
        }
        return loaded;
    }

    private Map<Integer, Map<String, TreeMap<Integer, PartitionSnapshot>>> read(List<Integer> partitions) {
        Map<Integer, Map<String, TreeMap<Integer, PartitionSnapshot>>> found = new HashMap<>();
        TopicPartition only = new TopicPartition(topic.name(), 0);
        try (KafkaConsumer<String, byte[]> reader =
                new KafkaConsumer<>(clients.consumer(model.service() + "-snapshots"))) {
            reader.assign(List.of(only));
            reader.seekToBeginning(List.of(only));
            long end = reader.endOffsets(List.of(only)).get(only);
            while (reader.position(only) < end) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    PartitionSnapshot snapshot = decode(record);
                    if (snapshot != null && partitions.contains(snapshot.getPartition())) {
                        found.computeIfAbsent(snapshot.getPartition(), p -> new HashMap<>())
                                .computeIfAbsent(snapshot.getSnapshotId(), id -> new TreeMap<>())
                                .put(snapshot.getChunk(), snapshot);
                    }
                }
            }
        }
        return found;
    }

    private PartitionSnapshot decode(ConsumerRecord<String, byte[]> record) {
        try {
            SpecificRecord value = codec.decode(record.value());
            if (value instanceof PartitionSnapshot snapshot && snapshot.getService().equals(model.service())
                    && record.key() != null && record.key().equals(snapshot.getPartition() + "-" + snapshot.getChunk())) {
                return snapshot;
            }
            log.warn("{}: {}@{} is not a snapshot chunk of this service; ignored", model.service(), topic.name(),
                    record.offset());
        } catch (RuntimeException e) {
            log.warn("{}: snapshot chunk {}@{} cannot be read ({}); ignored", model.service(), topic.name(),
                    record.offset(), e.getMessage());
        }
        return null;
    }

    /** SHA-256 over the aggregates of one chunk, as {@code PartitionSnapshot.sha256} says. */
    static byte[] digest(List<AggregateSnapshot> aggregates) {
        java.security.MessageDigest sha256 = market.platform.crypto.Hashes.sha256Digest();
        ByteBuffer header = ByteBuffer.allocate(8);
        for (AggregateSnapshot aggregate : aggregates) {
            for (String text : List.of(aggregate.getType(), aggregate.getKey())) {
                byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha256.update(header.clear().putLong(utf8.length).array());
                sha256.update(utf8);
            }
            sha256.update(header.clear().putLong(aggregate.getStateFingerprint()).array());
            ByteBuffer state = aggregate.getState().duplicate();
            sha256.update(header.clear().putLong(state.remaining()).array());
            sha256.update(state);
        }
        return sha256.digest();
    }

    /** The states of one complete snapshot, or null when any of them cannot be trusted. */
    private Loaded restore(int partition, TreeMap<Integer, PartitionSnapshot> chunks, long eventsEnd) {
        PartitionSnapshot first = chunks.firstEntry().getValue();
        long offset = first.getEventsOffset();
        if (offset < 0 || offset > eventsEnd) {
            log.warn("{}: snapshot {} of partition {} covers offset {}, beyond the events' end {}; ignored",
                    model.service(), first.getSnapshotId(), partition, offset, eventsEnd);
            return null;
        }
        AggregateStates states = new AggregateStates(model);
        for (PartitionSnapshot chunk : chunks.values()) {
            if (chunk.getEventsOffset() != offset) {
                return null;
            }
            byte[] expected = new byte[chunk.getSha256().remaining()];
            chunk.getSha256().duplicate().get(expected);
            if (!java.security.MessageDigest.isEqual(expected, digest(chunk.getAggregates()))) {
                log.warn("{}: chunk {} of snapshot {} of partition {} does not match its digest; ignored",
                        model.service(), chunk.getChunk(), first.getSnapshotId(), partition);
                return null;
            }
            for (AggregateSnapshot aggregate : chunk.getAggregates()) {
                StateCodec stateCodec = codecs.get(aggregate.getType());
                if (stateCodec == null || stateCodec.fingerprint() != aggregate.getStateFingerprint()) {
                    log.warn("{}: snapshot {} of partition {} holds a {} state of another shape; ignored",
                            model.service(), first.getSnapshotId(), partition, aggregate.getType());
                    return null;
                }
                try {
                    byte[] bytes = new byte[aggregate.getState().remaining()];
                    aggregate.getState().duplicate().get(bytes);
                    states.restore(types.get(aggregate.getType()), aggregate.getKey(), stateCodec.decode(bytes));
                } catch (IllegalArgumentException e) {
                    log.warn("{}: snapshot {} of partition {} does not decode ({}); ignored", model.service(),
                            first.getSnapshotId(), partition, e.getMessage());
                    return null;
                }
            }
        }
        return new Loaded(states, offset);
    }
}
