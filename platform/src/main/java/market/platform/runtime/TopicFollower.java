package market.platform.runtime;

import java.time.Duration;
import java.util.List;
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
 * after a restart it reads the topic again. A record that cannot be read is logged and skipped;
 * the owning service dead-letters it.
 */
public final class TopicFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final KafkaClients clients;
    private final Topic topic;
    private final String clientId;
    private final Consumer<SpecificRecord> apply;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private volatile boolean running;
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
        try (KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(clients.consumer(clientId))) {
            consumer = events;
            List<TopicPartition> partitions = partitions(events);
            events.assign(partitions);
            events.seekToBeginning(partitions);
            while (running) {
                ConsumerRecords<String, byte[]> polled = events.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : polled) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // stop() ended the loop
        } catch (RuntimeException e) {
            log.error("{}: following {} stopped", clientId, topic.name(), e);
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
        apply.accept(event);
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
