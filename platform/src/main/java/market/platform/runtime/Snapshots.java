package market.platform.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import market.schemas.AvroBytes;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.Topics;
import market.snapshot.AggregateSnapshot;
import market.snapshot.PartitionSnapshot;
import market.snapshot.PartitionState;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
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
 * processor holds for one partition of {@code S.events}, with the offset it covers, streamed as
 * one single-object encoded {@link PartitionState} and cut into {@link PartitionSnapshot} chunks
 * of {@value #CHUNK_BYTES} bytes, keyed {@code <partition>-<chunk>}, so an aggregate of any size
 * fits. Each aggregate's state is written with its {@link StateCodec}. Reading takes, for each
 * partition, the complete snapshot (chunks 0 to the last of one id) with the highest offset the
 * events partition reaches; data that does not match the SHA-256 of its last chunk, another
 * version of {@code PartitionState}, a state of another shape or one that does not decode makes
 * that snapshot ignored, never trusted: the partition is replayed from an older one or from the
 * start. A snapshot only shortens replay.
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
    private final Map<String, Long> fingerprints = new HashMap<>();
    /** {@value #CHUNK_BYTES}; tests make it small with {@code -Dmarket.snapshot-chunk-bytes}, to cut states apart. */
    private final int chunkBytes = Math.max(64, Integer.getInteger("market.snapshot-chunk-bytes", CHUNK_BYTES));

    Snapshots(ServiceModel model, KafkaClients clients) {
        this.model = model;
        this.clients = clients;
        this.topic = Topics.snapshots(model.service());
        for (AggregateType<?, ?, ?> type : model.aggregates()) {
            codecs.put(type.name(), StateCodec.of(type.decider().initialState().getClass()));
            // the state's shape and the code that folds it: either changed, older snapshots are not read
            fingerprints.put(type.name(), codecs.get(type.name()).fingerprint()
                    ^ CodeFingerprint.of(type.decider().getClass()));
            types.put(type.name(), type);
        }
    }

    /** A partition's states as a snapshot covers them: replay goes on from {@code eventsOffset}. */
    record Loaded(AggregateStates states, long eventsOffset) {}

    /**
     * Sends a snapshot of {@code states}, covering the events before {@code eventsOffset}, inside
     * the producer's open transaction: the states are streamed as one single-object encoded
     * {@link PartitionState} and cut into chunks as they are written. Answers the chunks sent.
     */
    int write(Producer<String, byte[]> producer, int partition, long eventsOffset, AggregateStates states,
            Instant at) {
        ChunkSink sink = new ChunkSink(producer, partition, eventsOffset, UUID.randomUUID().toString(), at);
        List<AggregateStates.Entry> entries = states.entries();
        try {
            sink.write(header());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(sink, null);
            SpecificDatumWriter<AggregateSnapshot> writer = new SpecificDatumWriter<>(AggregateSnapshot.class);
            encoder.writeArrayStart();
            encoder.setItemCount(entries.size());
            for (AggregateStates.Entry entry : entries) {
                StateCodec stateCodec = codecs.get(entry.type());
                encoder.startItem();
                writer.write(new AggregateSnapshot(entry.type(), entry.key(), fingerprints.get(entry.type()),
                        ByteBuffer.wrap(stateCodec.encode(entry.state()))), encoder);
            }
            encoder.writeArrayEnd();
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sink.finish();
    }

    /** The single-object header of a {@link PartitionState}: its marker and the fingerprint of its schema. */
    private static byte[] header() {
        ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(PartitionState.SCHEMA$));
        return header.array();
    }

    /** Cuts what is written into chunks of {@code chunkBytes} and sends each as a {@link PartitionSnapshot}. */
    private final class ChunkSink extends OutputStream {
        private final Producer<String, byte[]> producer;
        private final int partition;
        private final long eventsOffset;
        private final String id;
        private final Instant at;
        private final java.security.MessageDigest sha256 = market.platform.crypto.Hashes.sha256Digest();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(chunkBytes);
        private int chunk;

        ChunkSink(Producer<String, byte[]> producer, int partition, long eventsOffset, String id, Instant at) {
            this.producer = producer;
            this.partition = partition;
            this.eventsOffset = eventsOffset;
            this.id = id;
            this.at = at;
            digestHeader(sha256, partition, eventsOffset, id);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                int take = Math.min(length, chunkBytes - buffer.size());
                buffer.write(bytes, offset, take);
                offset += take;
                length -= take;
                if (buffer.size() == chunkBytes) {
                    send(false);
                }
            }
        }

        int finish() {
            send(true);
            return chunk;
        }

        private void send(boolean last) {
            byte[] data = buffer.toByteArray();
            buffer.reset();
            sha256.update(data);
            byte[] digest = last ? sha256.digest() : new byte[0];
            PartitionSnapshot snapshot = new PartitionSnapshot(model.service(), partition, eventsOffset, id, chunk,
                    last, at, ByteBuffer.wrap(digest), ByteBuffer.wrap(data));
            producer.send(new ProducerRecord<>(topic.name(), 0, partition + "-" + chunk, codec.encode(snapshot)));
            chunk++;
        }
    }

    /** The latest trustworthy snapshot of each of {@code partitions} that has one. */
    Map<Integer, Loaded> latest(List<Integer> partitions, Map<Integer, Long> eventsEnd) {
        Map<Integer, Map<String, TreeMap<Integer, PartitionSnapshot>>> found = read(partitions);
        Map<Integer, Loaded> loaded = new HashMap<>();
        for (int partition : partitions) {
            List<TreeMap<Integer, PartitionSnapshot>> complete = new ArrayList<>();
            for (TreeMap<Integer, PartitionSnapshot> chunks : found.getOrDefault(partition, Map.of()).values()) {
                // chunks 0 to the last, none missing
                if (chunks.firstKey() == 0 && chunks.lastEntry().getValue().getLast()
                        && chunks.lastKey() == chunks.size() - 1) {
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
                        Map<String, TreeMap<Integer, PartitionSnapshot>> ofPartition =
                                found.computeIfAbsent(snapshot.getPartition(), p -> new HashMap<>());
                        ofPartition.computeIfAbsent(snapshot.getSnapshotId(), id -> new TreeMap<>())
                                .put(snapshot.getChunk(), snapshot);
                        keepNewest(ofPartition);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Drops all but the two snapshots of a partition with the highest offsets while the topic is
     * read, so the chunks of every older snapshot that compaction has not removed yet are not held
     * (the second is kept in case the first cannot be trusted).
     */
    private static void keepNewest(Map<String, TreeMap<Integer, PartitionSnapshot>> ofPartition) {
        if (ofPartition.size() > 2) {
            ofPartition.entrySet().stream()
                    .min(java.util.Comparator.comparingLong(e -> e.getValue().firstEntry().getValue().getEventsOffset()))
                    .map(Map.Entry::getKey).ifPresent(ofPartition::remove);
        }
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

    /** What the digest covers before the data: the service, the partition, the events offset and the snapshot's id. */
    private void digestHeader(java.security.MessageDigest sha256, int partition, long eventsOffset, String id) {
        for (String text : List.of(model.service(), Integer.toString(partition), Long.toString(eventsOffset), id)) {
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
            sha256.update(utf8);
        }
    }

    /** The states of one complete snapshot, or null when any of them cannot be trusted. */
    private Loaded restore(int partition, TreeMap<Integer, PartitionSnapshot> chunks, long eventsEnd) {
        PartitionSnapshot last = chunks.lastEntry().getValue();
        long offset = last.getEventsOffset();
        String id = last.getSnapshotId();
        if (offset < 0 || offset > eventsEnd) {
            log.warn("{}: snapshot {} of partition {} covers offset {}, beyond the events' end {}; ignored",
                    model.service(), id, partition, offset, eventsEnd);
            return null;
        }
        java.security.MessageDigest sha256 = market.platform.crypto.Hashes.sha256Digest();
        digestHeader(sha256, partition, offset, id);
        List<InputStream> parts = new ArrayList<>();
        for (PartitionSnapshot chunk : chunks.values()) {
            if (chunk.getEventsOffset() != offset || chunk.getPartition() != partition
                    || !chunk.getService().equals(model.service())) {
                return null;
            }
            byte[] data = AvroBytes.of(chunk.getData());
            sha256.update(data);
            parts.add(new ByteArrayInputStream(data));
        }
        if (!java.security.MessageDigest.isEqual(sha256.digest(), AvroBytes.of(last.getSha256()))) {
            log.warn("{}: snapshot {} of partition {} does not match its digest; ignored", model.service(), id,
                    partition);
            return null;
        }
        try (InputStream in = new SequenceInputStream(java.util.Collections.enumeration(parts))) {
            if (!java.util.Arrays.equals(in.readNBytes(10), header())) {
                log.warn("{}: snapshot {} of partition {} holds another version of PartitionState; ignored",
                        model.service(), id, partition);
                return null;
            }
            AggregateStates states = new AggregateStates(model);
            // buffered: a direct decoder would call the chunks' stream once a byte
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(in, null);
            SpecificDatumReader<AggregateSnapshot> reader = new SpecificDatumReader<>(AggregateSnapshot.class);
            for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    AggregateSnapshot aggregate = reader.read(null, decoder);
                    StateCodec stateCodec = codecs.get(aggregate.getType());
                    if (stateCodec == null || fingerprints.get(aggregate.getType()) != aggregate.getStateFingerprint()) {
                        log.warn("{}: snapshot {} of partition {} holds a {} state of another shape or code; ignored",
                                model.service(), id, partition, aggregate.getType());
                        return null;
                    }
                    states.restore(types.get(aggregate.getType()), aggregate.getKey(),
                            stateCodec.decode(AvroBytes.of(aggregate.getState())));
                }
            }
            if (!decoder.isEnd()) {
                log.warn("{}: snapshot {} of partition {} has bytes after its states; ignored", model.service(), id,
                        partition);
                return null;
            }
            return new Loaded(states, offset);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: snapshot {} of partition {} does not decode ({}); ignored", model.service(), id, partition,
                    e.toString());
            return null;
        }
    }
}
