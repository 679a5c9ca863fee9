package market.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import market.registry.event.KeysReleased;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.HdrHistogram.Recorder;

/**
 * Watches {@code registry.events} (read_committed, from its end when started) for the
 * {@code KeysReleased} of the purchases a step is waiting for, and records buy → keys released:
 * the event's Kafka timestamp minus the buy's scheduled send time.
 */
final class KeysListener implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Recorder recorder;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final java.util.concurrent.atomic.AtomicLong inWindow = new java.util.concurrent.atomic.AtomicLong();

    KeysListener(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", "false", "fetch.max.wait.ms", "50"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REGISTRY_EVENTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "keys-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a step: its purchases' latencies go to {@code into}; those released by {@code end} count as in the window. */
    void startStep(Recorder into, long endMillis) {
        recorder = into;
        windowEnd = endMillis;
        inWindow.set(0);
    }

    /** A purchase whose keys are awaited: (data_id, deal_id), bought at {@code scheduledMillis}. */
    void await(long dataId, long dealId, long scheduledMillis) {
        String key = dataId + "/" + dealId;
        Long releasedAt = early.remove(key);
        if (releasedAt != null) {
            done(scheduledMillis, releasedAt);
        } else {
            waiting.put(key, scheduledMillis);
        }
    }

    int pending() {
        return waiting.size();
    }

    void forgetPending() {
        waiting.clear();
    }

    /** Purchases whose keys were released by the end of the step's window. */
    long releasedInWindow() {
        return inWindow.get();
    }

    private void run() {
        while (running.get()) {
            org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(100));
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                SpecificRecord event;
                try {
                    event = codec.decode(record.value());
                } catch (RuntimeException e) {
                    continue;
                }
                if (event instanceof KeysReleased k) {
                    Long scheduled = waiting.remove(k.getDataId() + "/" + k.getDealId());
                    // a release can be seen before the buy's answer is: keep it for await() to find
                    if (scheduled == null) {
                        early.put(k.getDataId() + "/" + k.getDealId(), record.timestamp());
                        continue;
                    }
                    done(scheduled, record.timestamp());
                }
            }
        }
    }

    private final Map<String, Long> early = new ConcurrentHashMap<>();

    /** Matches a buy answered after its keys were already seen released. */
    void settleEarly() {
        for (Map.Entry<String, Long> e : early.entrySet()) {
            Long scheduled = waiting.remove(e.getKey());
            if (scheduled != null) {
                early.remove(e.getKey());
                done(scheduled, e.getValue());
            }
        }
    }

    private void done(long scheduled, long releasedAt) {
        recorder.recordValue(Math.max(0, releasedAt - scheduled) * 1000);
        if (releasedAt <= windowEnd) {
            inWindow.incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5000);
        consumer.close();
    }
}
