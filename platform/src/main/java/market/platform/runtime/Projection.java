package market.platform.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import market.schemas.SingleObjectCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query side of a service: one consumer assigned to every partition of {@code S.events},
 * read_committed from the beginning, folding each event into {@link #states()}, which the GET
 * endpoints read. Callers can wait for an offset (read-your-writes) or for the current end
 * ({@link #catchUp()}). {@link #isCaughtUp()} turns true once the end offsets taken at start are
 * reached. An event that cannot be read goes to {@code S.events-dlt}, and reading goes on.
 */
public final class Projection implements ReferenceData, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Projection.class);

    private record Waiter(int partition, long offset, CompletableFuture<Void> done) {}

    private final ServiceModel model;
    private final KafkaClients clients;
    private final AggregateStates states;
    private final List<ProjectionListener> listeners;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> deadLetterProducer;
    private Admin admin;

    public Projection(ServiceModel model, KafkaClients clients, List<ProjectionListener> listeners) {
        this.model = model;
        this.clients = clients;
        this.listeners = List.copyOf(listeners);
        this.states = new AggregateStates(model);
        this.thread = new Thread(this::run, model.service() + "-projection");
    }

    public void start() {
        admin = Admin.create(clients.admin());
        thread.start();
    }

    @Override
    public AggregateStates states() {
        return states;
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0 && running;
    }

    /** Completes once the event at {@code offset} of {@code partition} has been applied. */
    public CompletableFuture<Void> awaitOffset(int partition, long offset) {
        if (offset < 0 || positions.getOrDefault(partition, 0L) > offset) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(partition, offset, new CompletableFuture<>());
        waiters.add(waiter);
        releaseWaiters();
        return waiter.done();
    }

    /** Completes once every event committed before this call has been applied. */
    public CompletableFuture<Void> catchUp() {
        List<TopicPartition> partitions = new ArrayList<>(positions.keySet().stream()
                .map(p -> new TopicPartition(model.events().name(), p)).toList());
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .toCompletionStage().toCompletableFuture()
                .thenCompose(ends -> CompletableFuture.allOf(ends.entrySet().stream()
                        .map(e -> awaitOffset(e.getKey().partition(), e.getValue().offset() - 1))
                        .toArray(CompletableFuture[]::new)));
    }

    @Override
    public void catchUp(Duration timeout) {
        try {
            catchUp().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("{}: projection did not catch up within {}: {}", model.service(), timeout, e.toString());
        }
    }

    private void run() {
        long started = System.nanoTime();
        long applied = 0;
        try (KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(clients.consumer(model.service() + "-projection"))) {
            consumer = events;
            List<TopicPartition> partitions = partitionsOf(events);
            events.assign(partitions);
            events.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = events.endOffsets(partitions);
            partitions.forEach(partition -> positions.put(partition.partition(), 0L));
            while (running) {
                ConsumerRecords<String, byte[]> polled = events.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : polled) {
                    apply(record);
                }
                applied += polled.count();
                for (TopicPartition partition : partitions) {
                    positions.put(partition.partition(), events.position(partition));
                }
                releaseWaiters();
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream()
                        .allMatch(e -> positions.get(e.getKey().partition()) >= e.getValue())) {
                    log.info("{}: projection caught up with {} after {} events in {} ms", model.service(), startEnd,
                            applied, (System.nanoTime() - started) / 1_000_000);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close() asked the loop to end
        } catch (RuntimeException e) {
            log.error("projection of {} stopped", model.service(), e);
        } finally {
            running = false;
            waiters.forEach(w -> w.done().completeExceptionally(new IllegalStateException("projection stopped")));
            if (deadLetterProducer != null) {
                deadLetterProducer.close(Duration.ofSeconds(5));
            }
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> events) {
        while (running) {
            List<PartitionInfo> infos = events.partitionsFor(model.events().name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            log.info("waiting for topic {}", model.events().name());
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Object event;
        try {
            event = model.eventTranslator().toDomain(codec.decode(record.value()));
            states.apply(record.key(), event);
            for (ProjectionListener listener : listeners) {
                listener.onEvent(record.key(), event, record.partition(), record.offset());
            }
        } catch (RuntimeException e) {
            if (deadLetterProducer == null) {
                deadLetterProducer = new KafkaProducer<>(clients.producer(model.service() + "-projection-dlt"));
            }
            DeadLetters.send(deadLetterProducer, model.eventsDeadLetter().name(), record, e);
            deadLetterProducer.flush();
        }
    }

    private void releaseWaiters() {
        for (Waiter waiter : waiters) {
            if (positions.getOrDefault(waiter.partition(), 0L) > waiter.offset()) {
                waiter.done().complete(null);
                waiters.remove(waiter);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(thread, consumer);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
