package market.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import market.platform.testing.KafkaBroker;
import market.schemas.Topic;
import market.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** A service's topics are created with one partition count, and a mismatch found on the broker stops the start. */
class TopicBootstrapTest {

    private final KafkaClients clients = new KafkaClients(KafkaBroker.bootstrapServers());

    private static ServiceModel model(String service) {
        Topic commands = new Topic(service + ".commands", service, "id", List.of());
        Topic events = new Topic(service + ".events", service, "id", List.of());
        return new ServiceModel(service, commands, events, new Topic(service + ".replies", service, "id", List.of()),
                Topics.deadLetter(commands), Topics.deadLetter(events), List.of(), null, null);
    }

    @Test
    void createsTheTopicsOfAServiceAndTheDeadLettersOfWhatItFollows() throws Exception {
        String service = "svc" + UUID.randomUUID().toString().substring(0, 8);
        Topic followed = new Topic("other" + service + ".events", "other", "id", List.of());
        TopicBootstrap.ensure(clients, model(service), new Reactions(List.of(followed), event -> List.of()), 3,
                (short) 1);
        try (Admin admin = Admin.create(clients.admin())) {
            Map<String, Integer> partitions = TopicBootstrap.partitionCounts(admin, List.of(service + ".commands",
                    service + ".events", service + ".replies", followed.name(), service + "." + followed.name() + "-dlt"));
            assertThat(partitions).containsEntry(service + ".commands", 3).containsEntry(service + ".events", 3)
                    .containsEntry(service + ".replies", 3).containsEntry(followed.name(), 3)
                    .containsEntry(service + "." + followed.name() + "-dlt", 1);
        }
    }

    @Test
    void refusesToStartWhenItsTopicsHaveDifferentPartitionCounts() throws Exception {
        String service = "svc" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(clients.admin())) {
            admin.createTopics(List.of(new NewTopic(service + ".events", 1, (short) 1))).all().get();
        }
        assertThatThrownBy(() -> TopicBootstrap.ensure(clients, model(service), null, 3, (short) 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must have one partition count")
                .hasMessageContaining(service + ".events=1");
    }
}
