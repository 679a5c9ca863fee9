package market.platform.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads another service's events topic from the beginning, every partition, read_committed, and
 * hands each decoded event to {@code apply} on its own thread, for a view one service keeps of
 * another's facts (such as the registry's list of keeper nodes by cluster). It keeps no offsets:
 * after a restart it reads the topic again. A record that cannot be read, or that {@code apply}
 * fails on, is logged and skipped (the owning service dead-letters poison); a failure of the
 * consumer itself (the broker away at start, say) is logged and followed again after a pause,
 * from where it had read.
 */
public final class TopicFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final KafkaClients clients;
    private final Topic topic;
    private final String clientId;
    private final Consumer<SpecificRecord> apply;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private volatile boolean running;
    private static final Duration RETRY = Duration.ofSeconds(5);
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public TopicFollower(KafkaClients clients, Topic topic, String clientId, Consumer<SpecificRecord> apply) {
        this.clients = clients;
        this.topic = topic;
        this.clientId = clientId;
        this.apply = apply;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                // stop() ended the loop
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{}: following {} failed; again in {} s from where it was: {}", clientId, topic.name(),
                            RETRY.toSeconds(), e.toString());
                    sleep(RETRY);
                }
            }
        }
    }

    /** Reads from where the last consumer stopped (the beginning at first) until stopped or failed. */
    private void follow() {
        try (KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(clients.consumer(clientId))) {
            consumer = events;
            List<TopicPartition> partitions = partitions(events);
            events.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long next = positions.get(partition);
                if (next == null) {
                    events.seekToBeginning(List.of(partition));
                } else {
                    events.seek(partition, next);
                }
            }
            while (running) {
                ConsumerRecords<String, byte[]> polled = events.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : polled) {
                    apply(record);
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event;
        try {
            event = codec.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("{}: skipped unreadable record {}-{}@{}: {}", clientId, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        try {
            apply.accept(event);
        } catch (RuntimeException e) {
            // read again it would fail again: the view goes on without it
            log.error("{}: could not apply {}-{}@{}", clientId, record.topic(), record.partition(), record.offset(), e);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> events) {
        while (running) {
            List<PartitionInfo> infos = events.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            log.info("{}: waiting for topic {}", clientId, topic.name());
        }
        throw new WakeupException();
    }
}
