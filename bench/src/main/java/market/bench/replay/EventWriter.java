package market.bench.replay;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import market.platform.runtime.KafkaClients;
import market.platform.runtime.ServiceModel;
import market.platform.runtime.TopicBootstrap;
import market.schemas.SingleObjectCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The bulk generator: creates a service's topics as the service itself would (same partitions,
 * same configs) and appends events {@code from} to {@code to} of a {@link Workload} to its events
 * topic, each encoded as the service encodes its own (single-object Avro) and keyed by its
 * aggregate, so it lands on the partition the service's processor owns for that aggregate. One
 * idempotent producer, acks=all, batched; prints progress every million events.
 */
final class EventWriter {

    private final KafkaClients clients;
    private final int partitions;

    EventWriter(String bootstrap, int partitions) {
        this.clients = new KafkaClients(bootstrap);
        this.partitions = partitions;
    }

    void ensureTopics(Workload workload) {
        TopicBootstrap.ensure(clients, workload.model(), null, partitions, (short) 1);
    }

    /** Writes events [from, to) and returns the rate, events/s. */
    double write(Workload workload, long from, long to) {
        ensureTopics(workload);
        ServiceModel model = workload.model();
        SingleObjectCodec codec = SingleObjectCodec.standard();
        Map<String, Object> config = clients.producer("bench-replay-writer");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (long i = from; i < to && failed.get() == null; i++) {
                byte[] value = codec.encode(model.eventTranslator().toAvro(workload.event(i)));
                producer.send(new ProducerRecord<>(model.events().name(), workload.key(i), value), (meta, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
                if ((i + 1) % 1_000_000 == 0) {
                    ReplayBench.say(String.format("%s: %,d of %,d events written", workload.service(), i + 1, to));
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("writing " + model.events().name() + " failed", failed.get());
        }
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }
}
