package market.platform.runtime;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import market.platform.tracing.Traces;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consume-transform-produce loop with exactly-once (v2) transactions, shared by the command
 * processor and the reactor. Its consumer is a static member of {@code group} named by the
 * transactional id, so an instance restarted after a crash gets its partitions back at once,
 * with the cooperative-sticky assignor, so a rebalance moves only the partitions that change
 * owner. Each polled batch is handled in ONE transaction that also commits the consumed
 * offsets. A timed-out commit is retried; if its outcome stays unknown, or the producer is
 * fenced, a new producer settles the transaction and the batch is read again from the committed
 * offsets, after {@link #afterAbort} rebuilt any state. An aborted batch is read again too, after
 * a growing pause when reference data was not visible yet. An orderly stop leaves the group, so
 * the partitions move at once. With a meter registry it records each batch's size
 * ({@code market.batch.size}) and the time from the transaction's start to its commit
 * ({@code market.transaction}), tagged with the service and the loop, and binds its consumer's
 * Kafka metrics (among them {@code records-lag} per partition). With {@link Traces}, each
 * record's processing is a span of the trace its {@code traceparent} header names.
 */
abstract class TransactionalLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionalLoop.class);
    private static final int COMMIT_ATTEMPTS = 3;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final String name;
    private final KafkaClients clients;
    private final String group;
    private final String transactionalId;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Producer<String, byte[]> producer;
    private int notYetVisible;
    private boolean producerBroken;
    private volatile MeterRegistry meters;
    private DistributionSummary batchSize;
    private Timer transactionTime;
    private volatile Traces traces = Traces.NONE;

    TransactionalLoop(String name, KafkaClients clients, String group, String transactionalId) {
        this.name = name;
        this.clients = clients;
        this.group = group;
        this.transactionalId = transactionalId;
        this.thread = new Thread(this::run, name);
    }

    public void start() {
        thread.start();
    }

    /** The registry given to {@link #meter}, or null. */
    MeterRegistry meters() {
        return meters;
    }

    /** Records this loop's meters in {@code registry}, tagged {@code service} and {@code loop}; call before start. */
    public void meter(MeterRegistry registry, String service, String loop) {
        meters = registry;
        batchSize = DistributionSummary.builder("market.batch.size").description("records in a polled batch")
                .tag("service", service).tag("loop", loop).register(registry);
        transactionTime = Timer.builder("market.transaction")
                .description("from a batch's transaction start to its commit").tag("service", service)
                .tag("loop", loop).register(registry);
    }

    /** Traces each record's processing with {@code traces}; call before start. */
    public void trace(Traces traces) {
        this.traces = traces;
    }

    Traces traces() {
        return traces;
    }

    boolean isRunning() {
        return running.get() && thread.isAlive();
    }

    /** Settings beyond the shared ones, such as the poll size. */
    void configure(Map<String, Object> consumerConfig) {}

    /** Subscribes the consumer, with the rebalance listener the loop needs. */
    abstract void subscribe(KafkaConsumer<String, byte[]> consumer);

    /**
     * Handles one batch inside the open transaction, sending with {@code producer}; answers what
     * to do once the transaction has committed.
     */
    abstract Runnable handle(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> producer);

    /**
     * Called after a batch whose commit may have gone through (the commit's outcome stayed
     * unknown, or the producer was fenced), once the consumer is back at the committed offsets.
     * A loop that keeps state derived from its own writes rebuilds that state here.
     */
    void afterAbort(Collection<TopicPartition> partitions) {}

    /** Called on the loop's thread after each batch, committed or not, with no transaction open. */
    void afterBatch() {}

    /** Called on the loop's thread after a poll that returned nothing, with no transaction open. */
    void whenIdle() {}

    /**
     * Runs {@code sends} in a transaction of its own, with no consumed offsets, such as a
     * snapshot's. If it fails it is aborted (or settled by a new producer) and given up: the
     * answer is false.
     */
    boolean inOwnTransaction(java.util.function.Consumer<Producer<String, byte[]>> sends) {
        if (producerBroken) {
            return false;
        }
        try {
            producer.beginTransaction();
            sends.accept(producer);
            commit();
            return true;
        } catch (CommitOutcomeUnknown | ProducerFencedException | InvalidProducerEpochException e) {
            log.warn("{}: a transaction of its own was not settled ({}); a new producer settles it", name,
                    e.toString());
            replaceQuietly();
        } catch (RuntimeException e) {
            log.warn("{}: a transaction of its own aborted: {}", name, e.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException abort) {
                replaceQuietly();
            }
        }
        return false;
    }

    /** Replaces the producer after a transaction of its own failed; if that fails too, the next batch makes one first. */
    private void replaceQuietly() {
        try {
            replaceProducer();
        } catch (RuntimeException e) {
            producerBroken = true;
            log.warn("{}: a new producer could not be made yet: {}", name, e.toString());
        }
    }

    private void run() {
        Map<String, Object> config = clients.consumer(name);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        configure(config);
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config);
        consumer = created;
        // new partitions' metrics (records-lag per partition) are picked up every 5 s, not every minute
        KafkaClientMetrics consumerMetrics = meters == null ? null : new KafkaClientMetrics(created, List.of(),
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread refresh = new Thread(runnable, name + "-metrics");
                    refresh.setDaemon(true);
                    return refresh;
                }), Duration.ofSeconds(5));
        if (consumerMetrics != null) {
            consumerMetrics.bindTo(meters);
        }
        try {
            producer = newProducer();
            subscribe(created);
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = created.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    inTransaction(records);
                    afterBatch();
                } else {
                    whenIdle();
                }
            }
        } catch (WakeupException e) {
            // close() asked the loop to end
        } catch (RuntimeException e) {
            log.error("{} stopped", name, e);
        } finally {
            running.set(false);
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (consumerMetrics != null) {
                consumerMetrics.close();
            }
            // an orderly stop hands the partitions over now; only a crash leaves them to the restart
            created.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    private Producer<String, byte[]> newProducer() {
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(clients.transactionalProducer(transactionalId));
        created.initTransactions();
        return created;
    }

    private void inTransaction(ConsumerRecords<String, byte[]> records) {
        if (producerBroken) {
            replaceProducer();
            producerBroken = false;
        }
        long started = System.nanoTime();
        producer.beginTransaction();
        try {
            Runnable onCommit = handle(records, producer);
            producer.sendOffsetsToTransaction(Offsets.next(records), consumer.groupMetadata());
            commit();
            if (meters != null) {
                transactionTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                batchSize.record(records.count());
            }
            onCommit.run();
            notYetVisible = 0;
        } catch (CommitOutcomeUnknown e) {
            log.warn("{}: the commit's outcome is unknown; a new producer settles it, then the batch is read again",
                    name);
            replaceProducer();
            rewind(records);
            afterAbort(records.partitions());
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            log.warn("transactional producer {} fenced; recreating it and rewinding", transactionalId);
            replaceProducer();
            rewind(records);
            afterAbort(records.partitions());
        } catch (KafkaException | NotYetVisibleException e) {
            log.warn("{}: batch aborted, it will be handled again: {}", name, e.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException abort) {
                log.warn("abort failed, recreating producer: {}", abort.toString());
                // a new producer with the same transactional id aborts the open transaction
                replaceProducer();
            }
            rewind(records);
            if (e instanceof NotYetVisibleException) {
                notYetVisible++;
                if (notYetVisible % 10 == 0) {
                    log.error("{}: reference data still not visible after {} attempts: {}", name, notYetVisible,
                            e.getMessage());
                }
                pause(Math.min(notYetVisible, 10) * RETRY_PAUSE.toMillis());
            }
        }
    }

    /**
     * Commits, retrying while the outcome is unknown, as a timed-out commit may be. If it stays
     * unknown, the transaction must not be aborted: the caller replaces the producer instead.
     */
    private void commit() {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt == COMMIT_ATTEMPTS) {
                    throw new CommitOutcomeUnknown(e);
                }
                log.warn("{}: commit timed out, retrying ({}/{})", name, attempt, COMMIT_ATTEMPTS);
            }
        }
    }

    private void replaceProducer() {
        producer.close(Duration.ZERO);
        // initTransactions of a new producer with the same transactional id completes or aborts
        // whatever transaction the old one left open
        producer = newProducer();
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        Offsets.rewind(consumer, records.partitions());
    }

    /** A commit that timed out every time it was tried: it may or may not have gone through. */
    private static final class CommitOutcomeUnknown extends RuntimeException {
        CommitOutcomeUnknown(TimeoutException cause) {
            super(cause);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        ConsumerThreads.stop(thread, consumer);
    }
}
