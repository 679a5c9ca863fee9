import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import market.registry.event.DataRegistrationStarted;
import market.schemas.SingleObjectCodec;

/**
 * Verdict of the crash check: reads registry.events (read_committed) with a plain client,
 * decodes each value with the schemas jar, and counts the DataRegistrationStarted events per
 * data_id key (the other events of a registration, such as its placement, are not counted).
 * Every request answered 201 must have exactly one, and no data_id may have two. Exits 1
 * otherwise.
 * Usage: java -cp 'deploy/target/kafka-lib/*:deploy/target/check-lib/*' CrashCheck.java BOOTSTRAP RESULTS_FILE
 */
public class CrashCheck {
    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", args[0]);
        config.put("isolation.level", "read_committed");
        Map<String, Integer> events = new HashMap<>();
        SingleObjectCodec codec = SingleObjectCodec.standard();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("registry.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (codec.decode(record.value()) instanceof DataRegistrationStarted) {
                        events.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                });
            }
        }
        int acknowledged = 0;
        int lost = 0;
        int unacknowledgedApplied = 0;
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] fields = line.split(" ");
            int count = events.getOrDefault(fields[0], 0);
            if (fields[1].equals("201")) {
                acknowledged++;
                lost += count == 1 ? 0 : 1;
            } else if (count == 1) {
                unacknowledgedApplied++;
            }
        }
        long duplicated = events.values().stream().filter(count -> count > 1).count();
        System.out.printf("acknowledged registrations: %d, without exactly one event: %d%n", acknowledged, lost);
        System.out.printf("unacknowledged but applied (their ids dedupe a retry): %d%n", unacknowledgedApplied);
        System.out.printf("data_ids with more than one event: %d%n", duplicated);
        if (acknowledged == 0 || lost > 0 || duplicated > 0) {
            System.exit(1);
        }
    }
}
