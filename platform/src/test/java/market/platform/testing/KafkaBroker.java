package market.platform.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker for a test JVM: a Testcontainers broker when a Docker engine answers,
 * otherwise spring-kafka-test's in-process KRaft broker. {@code -Dmarket.test.broker=embedded}
 * or {@code =docker} forces the choice. Transactions work on it (replication factor 1).
 */
public final class KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static volatile String bootstrapServers;
    private static final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();

    private KafkaBroker() {}

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String choice = System.getProperty("market.test.broker", "auto");
            boolean docker = choice.equals("docker") || (choice.equals("auto") && dockerAnswers());
            bootstrapServers = docker ? startContainer() : startEmbedded();
        }
        return bootstrapServers;
    }

    /**
     * Runs {@code stop} at JVM exit before the broker stops (the last registered first), so what
     * uses the broker closes while it still answers: JVM shutdown hooks run side by side, and a
     * client whose broker is gone waits out its timeouts.
     */
    public static void beforeStop(Runnable stop) {
        beforeStop.add(stop);
    }

    private static void stopAtExit(Runnable stopBroker) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<Runnable> stops = new ArrayList<>(beforeStop);
            Collections.reverse(stops);
            for (Runnable stop : stops) {
                try {
                    stop.run();
                } catch (RuntimeException e) {
                    log.warn("stopping before the test broker failed", e);
                }
            }
            stopBroker.run();
        }, "test-broker-stop"));
    }

    /** True when a Docker engine answers; false (quietly) when there is none. */
    public static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Starts a dedicated Testcontainers broker; callers must check {@link #dockerAnswers()} first. */
    public static KafkaContainer newContainer() {
        // the image turns KAFKA_A_B into the broker setting a.b: the same back-off as the in-process broker's
        KafkaContainer container = new KafkaContainer("apache/kafka:4.2.1")
                .withEnv("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS", "1");
        container.start();
        return container;
    }

    private static String startContainer() {
        KafkaContainer container = newContainer();
        stopAtExit(container::stop);
        log.info("test broker: Testcontainers at {}", container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                // as deploy/local/kafka/server.properties: back-to-back transactions wait 1 ms, not 20,
                // for the markers of the one before
                "add.partitions.to.txn.retry.backoff.ms", "1"));
        broker.afterPropertiesSet();
        stopAtExit(broker::destroy);
        log.info("test broker: in-process KRaft at {}", broker.getBrokersAsString());
        return broker.getBrokersAsString();
    }
}
