package market.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import market.platform.config.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** More client settings reach every consumer and producer; the ones exactly-once rests on cannot be changed. */
class KafkaClientsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KafkaSettings.class)
    static class Settings {}

    @Test
    void moreSettingsGoOverTheRuntimesOwn() {
        KafkaClients clients = new KafkaClients("localhost:9092", Map.of("fetch.max.wait.ms", "5"),
                Map.of("linger.ms", "0", "retry.backoff.ms", "5"));

        assertThat(clients.consumer("c")).containsEntry("fetch.max.wait.ms", "5")
                .containsEntry("isolation.level", "read_committed").containsEntry("enable.auto.commit", false);
        assertThat(clients.transactionalProducer("t")).containsEntry("linger.ms", "0")
                .containsEntry("retry.backoff.ms", "5").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true).containsEntry("transactional.id", "t");
        assertThat(new KafkaClients("localhost:9092").producer("p")).containsEntry("linger.ms", 1)
                .doesNotContainKey("retry.backoff.ms");
    }

    @Test
    void refusesTheSettingsExactlyOnceRestsOn() {
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of("isolation.level", "read_uncommitted"),
                Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("market.kafka.consumer.isolation.level cannot be set: the runtime fixes it, "
                        + "for exactly-once delivery and durability");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of(), Map.of("acks", "1")))
                .hasMessageStartingWith("market.kafka.producer.acks cannot be set");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of(), Map.of("enable.idempotence", "false")))
                .hasMessageStartingWith("market.kafka.producer.enable.idempotence cannot be set");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of("group.id", "other"), Map.of()))
                .hasMessageStartingWith("market.kafka.consumer.group.id cannot be set");
        // keyed partitioning keeps each aggregate's commands on the partition that holds its state
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of(),
                Map.of("partitioner.ignore.keys", "true")))
                .hasMessageStartingWith("market.kafka.producer.partitioner.ignore.keys cannot be set");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of("group.protocol", "consumer"), Map.of()))
                .hasMessageStartingWith("market.kafka.consumer.group.protocol cannot be set");
    }

    @Test
    void connectionSettingsReachEveryClientAndNothingElseGoesThere() {
        Map<String, String> scram = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"registry\" password=\"p\";");
        KafkaClients clients = new KafkaClients("localhost:9092", Map.of(), Map.of(), scram);

        for (Map<String, Object> config : java.util.List.of(clients.consumer("c"), clients.producer("p"),
                clients.transactionalProducer("t"), clients.admin())) {
            assertThat(config).containsAllEntriesOf(scram);
        }
        assertThat(clients.admin()).containsEntry("bootstrap.servers", "localhost:9092");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of(), Map.of(), Map.of("acks", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("market.kafka.connection.acks cannot be set: the connection settings are "
                        + "security.protocol, sasl.* and ssl.*");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of(), Map.of(),
                Map.of("security.protocol", "CARRIER_PIGEON")))
                .hasMessageContaining("security.protocol");
    }

    @Test
    void refusesAValueKafkaCannotRead() {
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of("fetch.max.wait.ms", "soon"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("market.kafka.consumer: ")
                .hasMessageContaining("fetch.max.wait.ms");
        assertThatThrownBy(() -> new KafkaClients("localhost:9092", Map.of(), Map.of("linger.ms", "-1")))
                .hasMessageStartingWith("market.kafka.producer: ")
                .hasMessageContaining("linger.ms");
    }

    @Test
    void dottedClientSettingsBindFromServiceProperties() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("market.kafka.consumer.fetch.max.wait.ms=5",
                        "market.kafka.consumer.fetch.min.bytes=4096", "market.kafka.producer.retry.backoff.ms=5")
                .run(context -> {
                    KafkaSettings settings = context.getBean(KafkaSettings.class);
                    assertThat(settings.consumer())
                            .isEqualTo(Map.of("fetch.max.wait.ms", "5", "fetch.min.bytes", "4096"));
                    assertThat(settings.producer()).isEqualTo(Map.of("retry.backoff.ms", "5"));
                });
        new ApplicationContextRunner().withUserConfiguration(Settings.class).run(context -> {
            assertThat(context.getBean(KafkaSettings.class).consumer()).isEmpty();
        });
    }
}
