package market.platform.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import market.schemas.Topic;
import market.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates a service's topics when they are missing, as {@link TopicPolicy} says: the same
 * partition count for commands, events, replies and nonces, so an aggregate's key lands on the
 * same partition number in each.
 */
public final class TopicBootstrap {

    private static final int DESCRIBE_ATTEMPTS = 40;
    private static final long DESCRIBE_PAUSE_MS = 250;

    private TopicBootstrap() {}

    public static void ensure(KafkaClients clients, ServiceModel model, Reactions reactions, int partitions,
            short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : List.of(model.commands(), model.events(), model.replies(), Topics.nonces(model.service()),
                model.commandsDeadLetter(), model.eventsDeadLetter(), Topics.snapshots(model.service()))) {
            topics.add(topic(TopicPolicy.of(topic, partitions), replicationFactor));
        }
        if (reactions != null) {
            // a followed events topic is created here as its owner would create it, so the
            // reactor can start before the owner has ever run
            for (Topic followed : reactions.follows()) {
                topics.add(topic(TopicPolicy.of(followed, partitions), replicationFactor));
                topics.add(topic(TopicPolicy.of(Topics.reactionDeadLetter(model.service(), followed), partitions),
                        replicationFactor));
            }
        }
        try (Admin admin = Admin.create(clients.admin())) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
            requireSamePartitions(admin, model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checks, without creating anything, that the service's keyed topics exist with one partition count. */
    public static void check(KafkaClients clients, ServiceModel model) {
        try (Admin admin = Admin.create(clients.admin())) {
            requireSamePartitions(admin, model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Events and nonce claims go to the partition number of their command, and replies to the
     * requester's, so the four topics must have the same partition count; a topic created earlier with another count
     * (by a service configured differently) stops the start here, with the counts named.
     */
    private static void requireSamePartitions(Admin admin, ServiceModel model) throws InterruptedException {
        List<String> names = List.of(model.commands().name(), model.events().name(), model.replies().name(),
                Topics.nonces(model.service()).name());
        Map<String, Integer> counts = new java.util.TreeMap<>(partitionCounts(admin, names));
        if (counts.values().stream().distinct().count() != 1) {
            throw new IllegalStateException("the topics of " + model.service()
                    + " must have one partition count, but have " + counts);
        }
    }

    /** The partition count of each topic; a topic created a moment ago may take a while to be described. */
    public static Map<String, Integer> partitionCounts(Admin admin, List<String> names) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, Integer> counts = new java.util.HashMap<>();
                admin.describeTopics(names).allTopicNames().get()
                        .forEach((name, description) -> counts.put(name, description.partitions().size()));
                return counts;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == DESCRIBE_ATTEMPTS) {
                    throw new IllegalStateException("cannot describe topics " + names, e.getCause());
                }
                Thread.sleep(DESCRIBE_PAUSE_MS);
            }
        }
    }

    private static NewTopic topic(TopicPolicy.Spec spec, short replicationFactor) {
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs());
    }
}
