package market.platform.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.RejectedException;
import market.platform.domain.Rejection;
import market.platform.tracing.Step;
import market.schemas.SingleObjectCodec;
import market.schemas.SingleObjectCodec.UndecodableException;
import market.schemas.Topics;
import market.schemas.nonce.NonceClaimed;
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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command processor of one service: consumer group {@code S} on {@code S.commands}, with
 * exactly-once (v2) transactions (see {@link TransactionalLoop}). On assignment it replays
 * {@code S.events} for the assigned partitions to their end, so each aggregate's state is rebuilt
 * before any command is handled. For each polled batch, in ONE transaction, it appends the
 * decided events to the same partition of {@code S.events}, sends each reply to
 * {@code S.replies}, and commits the command offsets. Undecodable commands go to
 * {@code S.commands-dlt} in that same transaction. With snapshots on, once a partition's events
 * have grown by {@code snapshotEvery} offsets since its last snapshot, it writes the partition's
 * state to {@code S.snapshots} ({@link Snapshots}) in a transaction of its own, after a batch
 * (and, with {@code snapshotWhenIdle}, after a poll that returned nothing too, so a replay that
 * long is snapshotted as soon as the loop runs, not at the next command); on assignment it starts
 * from the latest trustworthy snapshot and replays only the events after it, at most about
 * {@code snapshotEvery} offsets. (None is written at stop: a stop must not wait
 * for a broker that may be gone.)
 *
 * <p>A command that came from a signed request carries its {@link CommandOrigin}. The processor
 * refuses it (401, no events) when the request was signed longer ago than the command lifetime
 * (the signature window and the reply timeout), as a command left on {@code S.commands} by a
 * crash may be, or when its nonce is claimed already; otherwise
 * it claims the nonce on {@code S.nonces}, on the command's partition, in the batch's
 * transaction, whether the decider accepts the command or not. A request replayed to any
 * instance becomes the same command with the same key, so it reaches the partition that holds
 * the claim, and the instance that owns the partition then, or later after a rebalance (which
 * replays {@code S.nonces} with the events), refuses it.
 *
 * <p>Each command's handling is a span of the trace its {@code traceparent} header names (the
 * HTTP request's, or the reaction's that issued it), and the events it appends carry that span.
 */
public final class CommandProcessor extends TransactionalLoop {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    private static final String UNDECODABLE = "COMMAND.UNDECODABLE";

    private final ServiceModel model;
    private final KafkaClients clients;
    private final ReferenceData references;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final Map<Integer, AggregateStates> partitions = new ConcurrentHashMap<>();
    private final Snapshots snapshots;
    private final long snapshotEvery;
    /** Per partition: the events offset its state covers, and the offset of its latest snapshot. */
    private final Map<Integer, Long> covered = new ConcurrentHashMap<>();
    private final Map<Integer, Long> snapshotAt = new ConcurrentHashMap<>();
    private final CountDownLatch firstAssignment = new CountDownLatch(1);

    private final boolean snapshotWhenIdle;
    private final Duration lifetime;
    private final NonceReplay nonceReplay;
    private final Map<Integer, NonceLog> nonces = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * {@code snapshotEvery}: events offsets between a partition's snapshots, 0 or less for none;
     * {@code snapshotWhenIdle}: whether a snapshot that is due is also written while no command
     * comes; {@code signatureWindow}: how far a signed request's time may be from server time;
     * {@code lifetime}: how long after its signed time a request's command is still handled (the
     * window, and the time the gateway waits for the reply).
     */
    public CommandProcessor(ServiceModel model, KafkaClients clients, String transactionalId,
            ReferenceData references, long snapshotEvery, boolean snapshotWhenIdle, Clock clock,
            Duration signatureWindow, Duration lifetime) {
        super(model.service() + "-command-processor", clients, model.service(), transactionalId);
        this.model = model;
        this.clients = clients;
        this.references = references;
        this.snapshotEvery = snapshotEvery;
        this.snapshotWhenIdle = snapshotWhenIdle;
        this.snapshots = snapshotEvery > 0 ? new Snapshots(model, clients) : null;
        this.clock = clock;
        this.lifetime = lifetime;
        this.nonceReplay = new NonceReplay(model.service(), clients, signatureWindow, lifetime);
    }

    /**
     * The states of {@code numbers} as a replay rebuilds them now, from their latest snapshot when
     * {@code fromSnapshots} and snapshots are on, else from the first event: a check that both
     * give the held state.
     */
    public Replayed replay(List<Integer> numbers, boolean fromSnapshots) {
        EventReplay.Result result = new EventReplay(model, clients, fromSnapshots ? snapshots : null).replay(numbers);
        return new Replayed(result.states(), result.snapshotAt());
    }

    /** States replayed for a check, and the offset of the snapshot each partition started from (0: none). */
    public record Replayed(Map<Integer, AggregateStates> states, Map<Integer, Long> snapshotAt) {}

    /** The partitions assigned to this processor now. */
    public List<Integer> assignedPartitions() {
        return List.copyOf(partitions.keySet());
    }

    /** The state this processor holds for one partition, or null when it is not assigned here. */
    public AggregateStates stateOf(int partition) {
        return partitions.get(partition);
    }

    private void rebuild(List<Integer> numbers) {
        EventReplay.Result replayed = new EventReplay(model, clients, snapshots).replay(numbers);
        partitions.putAll(replayed.states());
        covered.putAll(replayed.covered());
        snapshotAt.putAll(replayed.snapshotAt());
        nonces.putAll(nonceReplay.replay(numbers, clock.instant()));
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
            rebuild(numbers);
        }
    }

    @Override
    void whenIdle() {
        if (snapshotWhenIdle) {
            afterBatch();
        }
    }

    @Override
    void afterBatch() {
        if (snapshots == null) {
            return;
        }
        for (Map.Entry<Integer, Long> partition : covered.entrySet()) {
            if (partition.getValue() - snapshotAt.getOrDefault(partition.getKey(), 0L) >= snapshotEvery) {
                snapshot(partition.getKey());
            }
        }
    }

    private void snapshot(int partition) {
        AggregateStates states = partitions.get(partition);
        Long offset = covered.get(partition);
        if (states == null || offset == null) {
            return;
        }
        long started = System.nanoTime();
        int[] chunks = new int[1];
        if (inOwnTransaction(producer -> chunks[0] = snapshots.write(producer, partition, offset, states,
                java.time.Instant.now()))) {
            log.info("{}: snapshot of partition {} at events offset {}: {} chunks in {} ms", model.service(),
                    partition, offset, chunks[0], (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("{}: no snapshot of partition {} at events offset {}; the next one is due {} offsets later",
                    model.service(), partition, offset, snapshotEvery);
        }
        // tried either way: a snapshot that failed is not retried after every batch
        snapshotAt.put(partition, offset);
    }

    @Override
    Runnable handle(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> producer) {
        Map<Integer, AggregateStates.Overlay> overlays = new HashMap<>();
        // nonces claimed in this batch, by partition: held once the transaction commits
        Map<Integer, Map<String, Long>> claims = new HashMap<>();
        long started = System.nanoTime();
        List<PendingReply> replies = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            AggregateStates.Overlay overlay = overlays.computeIfAbsent(record.partition(),
                    p -> partitions.computeIfAbsent(p, q -> new AggregateStates(model)).overlay());
            replies.add(handle(record, overlay, claims, producer));
        }
        long decided = System.nanoTime();
        producer.flush();
        Map<Integer, Long> written = new HashMap<>();
        for (PendingReply reply : replies) {
            reply.send(producer);
            if (reply.lastEvent != null) {
                written.merge(reply.eventPartition, reply.lastEvent.offset() + 1, Math::max);
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("{} commands: decided in {} µs, events flushed and replies sent in {} µs", records.count(),
                    (decided - started) / 1000, (System.nanoTime() - decided) / 1000);
        }
        return () -> {
            overlays.values().forEach(AggregateStates.Overlay::commit);
            written.forEach((partition, offset) -> covered.merge(partition, offset, Math::max));
            claims.forEach((partition, held) -> {
                NonceLog claimed = nonces.computeIfAbsent(partition, p -> new NonceLog());
                held.forEach(claimed::claim);
            });
            count(replies);
        };
    }

    private PendingReply handle(ConsumerRecord<String, byte[]> record, AggregateStates.Overlay overlay,
            Map<Integer, Map<String, Long>> claims, Producer<String, byte[]> producer) {
        try (Step traced = traces().process(record)) {
            PendingReply reply = handle(record, overlay, claims, producer, traced);
            if (reply.failed) {
                traced.failed("the command failed");
            } else if (reply.rejection != null && reply.rejection.errorCode().equals(UNDECODABLE)) {
                traced.failed(reply.rejection.errorMsg());
            } else if (reply.rejection != null) {
                traced.refused(reply.rejection.errorCode());
            }
            return reply;
        }
    }

    private PendingReply handle(ConsumerRecord<String, byte[]> record, AggregateStates.Overlay overlay,
            Map<Integer, Map<String, Long>> claims, Producer<String, byte[]> producer, Step traced) {
        String key = record.key();
        try {
            SpecificRecord avro = codec.decode(record.value());
            traced.named(avro.getSchema().getName());
            if (!model.commands().carries(avro.getClass())) {
                throw new UndecodableException(avro.getSchema().getFullName() + " is not a command of "
                        + model.commands().name());
            }
            if (key == null) {
                throw new UndecodableException("command without a key");
            }
            Optional<CommandOrigin> origin = CommandOrigin.readFrom(record.headers());
            if (origin.isPresent()) {
                Rejection refused = claim(origin.get(), key, record.partition(),
                        claims.computeIfAbsent(record.partition(), p -> new HashMap<>()), producer);
                if (refused != null) {
                    return rejected(record, key, refused, producer);
                }
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
            // the whole outcome is computed before anything is staged or sent; the state folds
            // each event as a replay will read it back, so a snapshot of it is what a replay builds
            List<byte[]> events = new ArrayList<>();
            for (Object event : ((Decision.Accepted<?>) decision).events()) {
                byte[] encoded = codec.encode(model.eventTranslator().toAvro(event));
                state = AggregateStates.evolve(type, state, model.eventTranslator().toDomain(codec.decode(encoded)));
                events.add(encoded);
            }
            if (!events.isEmpty()) {
                overlay.put(type, key, state);
            }
            RecordMetadataFuture last = null;
            for (byte[] event : events) {
                last = new RecordMetadataFuture(producer.send(new ProducerRecord<>(model.events().name(),
                        record.partition(), key, event, traced.carryTo(new RecordHeaders()))));
            }
            traced.caused(events.size());
            return new PendingReply(record, key, null, record.partition(), last);
        } catch (KafkaException | NotYetVisibleException e) {
            throw e;
        } catch (UndecodableException | IllegalArgumentException e) {
            DeadLetters.send(producer, model.commandsDeadLetter().name(), record, e);
            return new PendingReply(record, key == null ? "" : key,
                    Rejection.invalid(UNDECODABLE, "the command could not be read: " + e.getMessage()),
                    -1, null);
        } catch (RuntimeException e) {
            log.error("command {}-{}@{} failed; dead-lettered", record.topic(), record.partition(), record.offset(), e);
            DeadLetters.send(producer, model.commandsDeadLetter().name(), record, e);
            return new PendingReply(record, key == null ? "" : key, null, -1, null, true);
        }
    }

    /**
     * Counts a committed batch's commands in {@code market.commands}, by outcome (accepted,
     * refused, failed) and the refusal's error code.
     */
    private void count(List<PendingReply> replies) {
        io.micrometer.core.instrument.MeterRegistry registry = meters();
        if (registry == null) {
            return;
        }
        for (PendingReply reply : replies) {
            String outcome = reply.failed ? "failed" : reply.rejection == null ? "accepted" : "refused";
            registry.counter("market.commands", "service", model.service(), "outcome", outcome, "error_code",
                    reply.rejection == null ? "none" : reply.rejection.errorCode()).increment();
        }
    }

    /**
     * Claims the nonce of the request a command came from, on the command's partition of
     * {@code S.nonces}, into {@code batch} (held once the batch commits: an aborted batch is
     * handled again); or the refusal when the request is stale or its nonce already claimed.
     */
    private Rejection claim(CommandOrigin origin, String key, int partition, Map<String, Long> batch,
            Producer<String, byte[]> producer) {
        long now = clock.instant().getEpochSecond();
        long window = lifetime.toSeconds();
        if (now - origin.signedAt() > window) {
            log.warn("{} refused a command for {} signed by {} {} s ago: more than the {} s a command lives",
                    model.service(), key, origin.signer(), now - origin.signedAt(), window);
            return Rejection.unauthorized("AUTH.STALE_COMMAND", "the request was signed more than " + window
                    + " s before its command was handled; sign it again");
        }
        NonceLog held = nonces.get(partition);
        if (batch.containsKey(origin.claim()) || held != null && held.holds(origin.claim(), now)) {
            return Rejection.unauthorized("AUTH.NONCE_REUSED", "nonce was already used by this signer");
        }
        batch.put(origin.claim(), origin.signedAt() + window);
        producer.send(new ProducerRecord<>(Topics.nonces(model.service()).name(), partition, origin.signer(),
                codec.encode(new NonceClaimed(origin.signer(), origin.nonce(), origin.signedAt(), key))));
        return null;
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
            revoked.forEach(partition -> {
                partitions.remove(partition.partition());
                nonces.remove(partition.partition());
                covered.remove(partition.partition());
                snapshotAt.remove(partition.partition());
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (!assigned.isEmpty()) {
                rebuild(assigned.stream().map(TopicPartition::partition).toList());
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
