package market.platform.runtime;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import market.platform.tracing.Step;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saga side of a service: consumer group {@code S-reactions} on the events topics in
 * {@link Reactions#follows()}. For each polled batch, in ONE exactly-once transaction (see
 * {@link TransactionalLoop}), it writes the commands each event causes to {@code S.commands} and
 * commits the consumed offsets, so an event causes its commands exactly once, even across a
 * crash. An event that cannot be read or translated goes to {@code S.<topic>-dlt} in the same
 * transaction, and the reactor goes on. Each event's processing is a span of the event's trace,
 * and the commands it causes carry that span on.
 */
public final class Reactor extends TransactionalLoop {

    private static final Logger log = LoggerFactory.getLogger(Reactor.class);

    private final ServiceModel model;
    private final Reactions reactions;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final CountDownLatch assigned = new CountDownLatch(1);

    public Reactor(ServiceModel model, Reactions reactions, KafkaClients clients, String transactionalId) {
        super(model.service() + "-reactor", clients, model.service() + "-reactions", transactionalId);
        this.model = model;
        this.reactions = reactions;
    }

    /** True once the group has given this reactor its partitions and the loop is running. */
    public boolean isReady() {
        return assigned.getCount() == 0 && isRunning();
    }

    @Override
    void configure(java.util.Map<String, Object> consumerConfig) {
        // the owner creates its topics with the right partition count; never let a read create one
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }

    @Override
    void subscribe(KafkaConsumer<String, byte[]> consumer) {
        consumer.subscribe(reactions.follows().stream().map(t -> t.name()).toList(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned.countDown();
            }
        });
    }

    @Override
    Runnable handle(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> producer) {
        int commands = 0;
        List<SagaStep> steps = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            commands += react(record, producer, steps);
        }
        log.debug("{}: {} events caused {} commands", model.service(), records.count(), commands);
        return () -> timeSteps(steps);
    }

    /** An event that caused commands: its type and when it was appended. */
    private record SagaStep(String event, long appendedAt) {}

    /**
     * Records {@code market.saga.step}: from an event's append to the commit of the commands it
     * caused, by service and event type.
     */
    private void timeSteps(List<SagaStep> steps) {
        io.micrometer.core.instrument.MeterRegistry registry = meters();
        if (registry == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (SagaStep step : steps) {
            io.micrometer.core.instrument.Timer.builder("market.saga.step")
                    .description("from an event's append to the commit of the commands it caused")
                    .tag("service", model.service()).tag("event", step.event()).register(registry)
                    .record(Math.max(0, now - step.appendedAt()), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private int react(ConsumerRecord<String, byte[]> record, Producer<String, byte[]> producer, List<SagaStep> steps) {
        try (Step traced = traces().process(record)) {
            try {
                // encode everything first, so a failing event sends nothing but its dead letter
                org.apache.avro.specific.SpecificRecord event = codec.decode(record.value());
                traced.named(event.getSchema().getName());
                List<ProducerRecord<String, byte[]>> sends = reactions.reaction().react(event)
                        .stream()
                        .map(c -> new ProducerRecord<>(model.commands().name(), null, c.key(), codec.encode(c.command()),
                                traced.carryTo(new RecordHeaders())))
                        .toList();
                sends.forEach(producer::send);
                traced.caused(sends.size());
                if (!sends.isEmpty()) {
                    steps.add(new SagaStep(event.getSchema().getName(), record.timestamp()));
                }
                return sends.size();
            } catch (KafkaException e) {
                throw e;
            } catch (RuntimeException e) {
                traced.failed(e.getClass().getSimpleName());
                String deadLetter = reactions.follows().stream().filter(t -> t.name().equals(record.topic()))
                        .map(t -> Topics.reactionDeadLetter(model.service(), t).name()).findFirst().orElseThrow();
                DeadLetters.send(producer, deadLetter, record, e);
                return 0;
            }
        }
    }
}
