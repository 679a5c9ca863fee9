package market.platform.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saga side of a service: consumer group {@code S-reactions} on the events topics in
 * {@link Reactions#follows()}. For each polled batch, in ONE exactly-once transaction, it writes
 * the commands each event causes to {@code S.commands} and commits the consumed offsets, so an
 * event causes its commands exactly once, even across a crash. An event that cannot be read or
 * translated goes to {@code S.<topic>-dlt} in the same transaction, and the reactor goes on.
 */
public final class Reactor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reactor.class);

    private final ServiceModel model;
    private final Reactions reactions;
    private final KafkaClients clients;
    private final String transactionalId;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Producer<String, byte[]> producer;

    public Reactor(ServiceModel model, Reactions reactions, KafkaClients clients, String transactionalId) {
        this.model = model;
        this.reactions = reactions;
        this.clients = clients;
        this.transactionalId = transactionalId;
        this.thread = new Thread(this::run, model.service() + "-reactor");
    }

    public void start() {
        thread.start();
    }

    /** True once the group has given this reactor its partitions and the loop is running. */
    public boolean isReady() {
        return assigned.getCount() == 0 && running && thread.isAlive();
    }

    private void run() {
        Map<String, Object> config = clients.consumer(model.service() + "-reactions");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, model.service() + "-reactions");
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // the owner creates its topics with the right partition count; never let a read create one
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(config);
        consumer = events;
        try {
            producer = newProducer();
            events.subscribe(reactions.follows().stream().map(t -> t.name()).toList(), new Assigned());
            while (running) {
                ConsumerRecords<String, byte[]> records = events.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    react(records);
                }
            }
        } catch (WakeupException e) {
            // close() asked the loop to end
        } catch (RuntimeException e) {
            log.error("reactor of {} stopped", model.service(), e);
        } finally {
            running = false;
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            events.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    private Producer<String, byte[]> newProducer() {
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(clients.transactionalProducer(transactionalId));
        created.initTransactions();
        return created;
    }

    private void react(ConsumerRecords<String, byte[]> records) {
        producer.beginTransaction();
        try {
            int commands = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                commands += react(record);
            }
            producer.sendOffsetsToTransaction(Offsets.next(records), consumer.groupMetadata());
            producer.commitTransaction();
            log.debug("{}: {} events caused {} commands", model.service(), records.count(), commands);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            log.warn("transactional producer {} fenced; recreating it and rewinding", transactionalId);
            producer.close(Duration.ZERO);
            producer = newProducer();
            Offsets.rewind(consumer, records.partitions());
        } catch (KafkaException e) {
            log.warn("reaction batch aborted, it will be retried: {}", e.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                producer.close(Duration.ZERO);
                producer = newProducer();
            }
            Offsets.rewind(consumer, records.partitions());
        }
    }

    private int react(ConsumerRecord<String, byte[]> record) {
        List<Reactions.KeyedCommand> commands;
        try {
            commands = reactions.reaction().react(codec.decode(record.value()));
            // encode everything first, so a failing event sends nothing but its dead letter
            List<ProducerRecord<String, byte[]>> sends = commands.stream()
                    .map(c -> new ProducerRecord<>(model.commands().name(), c.key(), codec.encode(c.command())))
                    .toList();
            sends.forEach(producer::send);
            return sends.size();
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            String deadLetter = reactions.follows().stream().filter(t -> t.name().equals(record.topic()))
                    .map(t -> Topics.reactionDeadLetter(model.service(), t).name()).findFirst().orElseThrow();
            DeadLetters.send(producer, deadLetter, record, e);
            return 0;
        }
    }

    private final class Assigned implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> revoked) {}

        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
            assigned.countDown();
        }
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(thread, consumer);
    }
}
