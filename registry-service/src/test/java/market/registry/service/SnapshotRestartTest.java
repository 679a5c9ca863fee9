package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.platform.config.ServiceRuntime;
import market.platform.runtime.CommandProcessor;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import market.snapshot.PartitionSnapshot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs in a JVM and broker of its own (the {@code snapshots} execution of this module's build), so
 * its contexts are the only members of the registry's group and hold every partition.
 *
 * <p>The registry's command processor started from snapshots plus the events after them holds
 * exactly the state a full replay builds, gives the same views and makes the same decisions; a
 * snapshot whose bytes were changed is skipped, and the partition is rebuilt without it.
 */
class SnapshotRestartTest {

    private static final SingleObjectCodec CODEC = SingleObjectCodec.standard();

    @TempDir
    Path dataDir;

    @org.junit.jupiter.api.AfterEach
    void defaultChunks() {
        System.clearProperty("market.snapshot-chunk-bytes");
    }

    @Test
    void aProcessorStartedFromSnapshotsHoldsTheStateOfAFullReplay() throws Exception {
        // chunks of 200 bytes: every snapshot spans several, and states are cut across them
        System.setProperty("market.snapshot-chunk-bytes", "200");
        Wallet provider = Wallet.create();
        String type = RegistryServiceTestBase.uniqueName("snapshot");
        RegistryContexts.Registered data;
        List<String> before;
        try (ConfigurableApplicationContext first = start()) {
            SignedHttp http = RegistryContexts.http(first);
            data = RegistryContexts.registerThree(http, provider, type);
            before = data.views(http, provider);
        }
        // a snapshot of a partition every 6 events offsets
        assertThat(latestChunks()).isNotEmpty();

        try (ConfigurableApplicationContext second = start()) {
            CommandProcessor processor = second.getBean(ServiceRuntime.class).processor();
            List<Integer> partitions = assigned(processor);
            CommandProcessor.Replayed fromSnapshots = processor.replay(partitions, true);
            CommandProcessor.Replayed full = processor.replay(partitions, false);
            assertThat(partitions).hasSize(3);
            assertThat(fromSnapshots.snapshotAt().values()).anyMatch(offset -> offset > 0);
            for (int partition : partitions) {
                assertThat(processor.stateOf(partition).sameAs(full.states().get(partition)))
                        .as("partition %d started from its snapshot", partition).isTrue();
                assertThat(fromSnapshots.states().get(partition).sameAs(full.states().get(partition))).isTrue();
            }
            SignedHttp http = RegistryContexts.http(second);
            assertThat(data.views(http, provider)).isEqualTo(before);
            assertThat(http.delete(provider, "/v1/data/" + data.removed()).errorMsg())
                    .isEqualTo("The data has already been removed");
            assertThat(http.post(provider, "/v1/datatypes", RegistryServiceTestBase.datatype(type, "city"))
                    .errorCode()).isEqualTo("REGISTRY.DATATYPE_EXISTS");
        }

        // change one byte of the first chunk of every partition's newest snapshot
        Map<Integer, Long> corrupted = corruptLatestSnapshots();
        assertThat(corrupted).isNotEmpty();
        try (ConfigurableApplicationContext third = start()) {
            CommandProcessor processor = third.getBean(ServiceRuntime.class).processor();
            List<Integer> partitions = assigned(processor);
            assertThat(partitions).as("a changed snapshot is of a partition this processor holds")
                    .containsAnyElementsOf(corrupted.keySet());
            CommandProcessor.Replayed full = processor.replay(partitions, false);
            CommandProcessor.Replayed fromSnapshots = processor.replay(partitions, true);
            for (int partition : partitions) {
                assertThat(processor.stateOf(partition).sameAs(full.states().get(partition))).isTrue();
                if (corrupted.containsKey(partition)) {
                    // the changed snapshot was not the one the partition started from
                    assertThat(fromSnapshots.snapshotAt().get(partition)).isLessThan(corrupted.get(partition));
                }
            }
            SignedHttp http = RegistryContexts.http(third);
            assertThat(data.views(http, provider)).isEqualTo(before);
            assertThat(http.delete(provider, "/v1/data/" + data.removed()).errorMsg())
                    .isEqualTo("The data has already been removed");
        }
    }

    /**
     * The partitions the processor holds once the group has settled: other registry tests' contexts
     * may still be members of the group, so this one may hold only some, after a rebalance.
     */
    private static List<Integer> assigned(CommandProcessor processor) throws InterruptedException {
        for (int attempt = 0; attempt < 150 && processor.assignedPartitions().isEmpty(); attempt++) {
            Thread.sleep(200);
        }
        assertThat(processor.assignedPartitions()).isNotEmpty();
        return processor.assignedPartitions();
    }

    /** The latest chunk of each key of {@code registry.snapshots}, decoded. */
    private static Map<String, PartitionSnapshot> latestChunks() {
        Map<String, PartitionSnapshot> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                TopicReader.readAll(KafkaBroker.bootstrapServers(), Topics.REGISTRY_SNAPSHOTS.name())) {
            latest.put(new String(record.key(), StandardCharsets.UTF_8), (PartitionSnapshot) CODEC.decode(record.value()));
        }
        return latest;
    }

    /** Rewrites chunk 0 of each partition's newest snapshot with one byte of its data flipped; answers their offsets. */
    private static Map<Integer, Long> corruptLatestSnapshots() throws Exception {
        Map<Integer, PartitionSnapshot> newest = new HashMap<>();
        latestChunks().values().stream().filter(chunk -> chunk.getChunk() == 0).forEach(chunk ->
                newest.merge(chunk.getPartition(), chunk,
                        (a, b) -> a.getEventsOffset() >= b.getEventsOffset() ? a : b));
        Map<Integer, Long> corrupted = new HashMap<>();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (PartitionSnapshot chunk : newest.values()) {
                byte[] data = new byte[chunk.getData().remaining()];
                chunk.getData().duplicate().get(data);
                data[data.length - 1] ^= 0x01;
                chunk.setData(ByteBuffer.wrap(data));
                producer.send(new ProducerRecord<>(Topics.REGISTRY_SNAPSHOTS.name(), 0,
                        chunk.getPartition() + "-0", CODEC.encode(chunk))).get();
                corrupted.put(chunk.getPartition(), chunk.getEventsOffset());
            }
        }
        return corrupted;
    }

    /** A registry that snapshots a partition every 6 events offsets. */
    private ConfigurableApplicationContext start() {
        return RegistryContexts.start(dataDir, "snapshot-test", "--market.snapshot-every=6");
    }
}
