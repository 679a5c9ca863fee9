package market.platform.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.RejectedException;
import market.platform.domain.Rejection;
import market.schemas.SingleObjectCodec;
import market.schemas.SingleObjectCodec.UndecodableException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command processor of one service: consumer group {@code S} on {@code S.commands}, with
 * exactly-once (v2) transactions (see {@link TransactionalLoop}). On assignment it replays
 * {@code S.events} for the assigned partitions to their end, so each aggregate's state is rebuilt
 * before any command is handled. For each polled batch, in ONE transaction, it appends the
 * decided events to the same partition of {@code S.events}, sends each reply to
 * {@code S.replies}, and commits the command offsets. Undecodable commands go to
 * {@code S.commands-dlt} in that same transaction.
 */
public final class CommandProcessor extends TransactionalLoop {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final ServiceModel model;
    private final KafkaClients clients;
    private final ReferenceData references;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final Map<Integer, AggregateStates> partitions = new ConcurrentHashMap<>();
    private final CountDownLatch firstAssignment = new CountDownLatch(1);

    public CommandProcessor(ServiceModel model, KafkaClients clients, String transactionalId,
            ReferenceData references) {
        super(model.service() + "-command-processor", clients, model.service(), transactionalId);
        this.model = model;
        this.clients = clients;
        this.references = references;
    }

    /** True once the first assignment has been replayed and the loop is running. */
    public boolean isReady() {
        return firstAssignment.getCount() == 0 && isRunning();
    }

    @Override
    void configure(Map<String, Object> consumerConfig) {
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    }

    @Override
    void subscribe(KafkaConsumer<String, byte[]> consumer) {
        consumer.subscribe(List.of(model.commands().name()), new Replaying());
    }

    /** Rebuilds the partitions of an aborted batch from their events: the commit may have gone through. */
    @Override
    void afterAbort(Collection<TopicPartition> aborted) {
        List<Integer> numbers = aborted.stream().map(TopicPartition::partition).filter(partitions::containsKey)
                .toList();
        if (!numbers.isEmpty()) {
            partitions.putAll(new EventReplay(model, clients).replay(numbers));
        }
    }

    @Override
    Runnable handle(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> producer) {
        Map<Integer, AggregateStates.Overlay> overlays = new HashMap<>();
        long started = System.nanoTime();
        List<PendingReply> replies = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            AggregateStates.Overlay overlay = overlays.computeIfAbsent(record.partition(),
                    p -> partitions.computeIfAbsent(p, q -> new AggregateStates(model)).overlay());
            replies.add(handle(record, overlay, producer));
        }
        long decided = System.nanoTime();
        producer.flush();
        for (PendingReply reply : replies) {
            reply.send(producer);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} commands: decided in {} µs, events flushed and replies sent in {} µs", records.count(),
                    (decided - started) / 1000, (System.nanoTime() - decided) / 1000);
        }
        return () -> overlays.values().forEach(AggregateStates.Overlay::commit);
    }

    private PendingReply handle(ConsumerRecord<String, byte[]> record, AggregateStates.Overlay overlay,
            Producer<String, byte[]> producer) {
        String key = record.key();
        try {
            SpecificRecord avro = codec.decode(record.value());
            if (!model.commands().carries(avro.getClass())) {
                throw new UndecodableException(avro.getSchema().getFullName() + " is not a command of "
                        + model.commands().name());
            }
            if (key == null) {
                throw new UndecodableException("command without a key");
            }
            Object command;
            try {
                command = model.commandTranslator().toDomain(avro, references);
            } catch (RejectedException rejected) {
                return rejected(record, key, rejected.rejection(), producer);
            }
            AggregateType<?, ?, ?> type = model.aggregateForCommand(command);
            Object state = overlay.state(type, key);
            Decision<?> decision = decide(type, command, state);
            if (decision instanceof Decision.Rejected<?> rejected) {
                return rejected(record, key, rejected.rejection(), producer);
            }
            // the whole outcome is computed before anything is staged or sent
            List<byte[]> events = new ArrayList<>();
            for (Object event : ((Decision.Accepted<?>) decision).events()) {
                state = AggregateStates.evolve(type, state, event);
                events.add(codec.encode(model.eventTranslator().toAvro(event)));
            }
            overlay.put(type, key, state);
            RecordMetadataFuture last = null;
            for (byte[] event : events) {
                last = new RecordMetadataFuture(producer.send(
                        new ProducerRecord<>(model.events().name(), record.partition(), key, event)));
            }
            return new PendingReply(record, key, null, record.partition(), last);
        } catch (KafkaException | NotYetVisibleException e) {
            throw e;
        } catch (UndecodableException | IllegalArgumentException e) {
            DeadLetters.send(producer, model.commandsDeadLetter().name(), record, e);
            return new PendingReply(record, key == null ? "" : key,
                    Rejection.invalid("COMMAND.UNDECODABLE", "the command could not be read: " + e.getMessage()),
                    -1, null);
        } catch (RuntimeException e) {
            log.error("command {}-{}@{} failed; dead-lettered", record.topic(), record.partition(), record.offset(), e);
            DeadLetters.send(producer, model.commandsDeadLetter().name(), record, e);
            return new PendingReply(record, key == null ? "" : key, null, -1, null, true);
        }
    }

    /**
     * A refused command. A command that a reaction issued has no requester waiting for the
     * reply, so its refusal is logged and the command dead-lettered to {@code S.commands-dlt}
     * with the reason: it means the events disagree, and an operator must look.
     */
    private PendingReply rejected(ConsumerRecord<String, byte[]> record, String key, Rejection rejection,
            Producer<String, byte[]> producer) {
        if (record.headers().lastHeader(org.springframework.kafka.support.KafkaHeaders.CORRELATION_ID) == null) {
            log.warn("{} refused a command of a reaction for {}: {} {}", model.service(), key, rejection.errorCode(),
                    rejection.errorMsg());
            DeadLetters.send(producer, model.commandsDeadLetter().name(), record, new RejectedException(rejection));
        }
        return new PendingReply(record, key, rejection, -1, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Decision<?> decide(AggregateType<?, ?, ?> type, Object command, Object state) {
        return ((Decider) type.decider()).decide(command, state);
    }

    /** Rebuilds the state of newly assigned partitions from the events topic, to its end. */
    private final class Replaying implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            revoked.forEach(partition -> partitions.remove(partition.partition()));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (!assigned.isEmpty()) {
                List<Integer> numbers = assigned.stream().map(TopicPartition::partition).toList();
                Map<Integer, AggregateStates> rebuilt = new EventReplay(model, clients).replay(numbers);
                partitions.putAll(rebuilt);
            }
            firstAssignment.countDown();
        }
    }

    /** A reply waiting for its events' offsets, which are known once the batch is flushed. */
    private final class PendingReply {
        private final ConsumerRecord<String, byte[]> command;
        private final String key;
        private final Rejection rejection;
        private final int eventPartition;
        private final RecordMetadataFuture lastEvent;
        private final boolean failed;

        PendingReply(ConsumerRecord<String, byte[]> command, String key, Rejection rejection, int eventPartition,
                RecordMetadataFuture lastEvent) {
            this(command, key, rejection, eventPartition, lastEvent, false);
        }

        PendingReply(ConsumerRecord<String, byte[]> command, String key, Rejection rejection, int eventPartition,
                RecordMetadataFuture lastEvent, boolean failed) {
            this.command = command;
            this.key = key;
            this.rejection = rejection;
            this.eventPartition = eventPartition;
            this.lastEvent = lastEvent;
            this.failed = failed;
        }

        void send(Producer<String, byte[]> producer) {
            Replies.send(producer, model.replies().name(), command, codec, failed ? Replies.failure(key)
                    : Replies.reply(key, rejection, lastEvent == null ? -1 : eventPartition,
                            lastEvent == null ? -1 : lastEvent.offset()));
        }
    }

    /** The metadata of a sent record; complete after {@code flush()}. */
    private record RecordMetadataFuture(java.util.concurrent.Future<RecordMetadata> future) {
        long offset() {
            try {
                return future.get().offset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
            }
        }
    }
}
