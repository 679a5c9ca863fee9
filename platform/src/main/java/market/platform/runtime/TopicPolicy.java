package market.platform.runtime;

import java.util.Map;
import market.schemas.Topic;
import market.schemas.Topics;

/**
 * How each topic of the catalog is created: its partition count and its configs. Commands,
 * events, replies and nonce claims of a service have the service's partition count, so a key
 * lands on the same partition number in each; dead letters and snapshots have one. Events and
 * dead letters are kept forever (the record of what happened), commands and nonce claims a week,
 * replies an hour; snapshots are compacted. {@link TopicBootstrap} creates topics by it, and the
 * Kubernetes manifests' {@code KafkaTopic}s are checked against it.
 */
public final class TopicPolicy {

    private static final Map<String, String> FOREVER = Map.of("retention.ms", "-1", "retention.bytes", "-1");
    private static final Map<String, String> WEEK = Map.of("retention.ms", Long.toString(7L * 24 * 3600 * 1000));
    private static final Map<String, String> HOUR = Map.of("retention.ms", Long.toString(3600L * 1000));
    // only each key's latest chunk matters: a newer snapshot replaces an older one
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact",
            "segment.ms", Long.toString(3600L * 1000), "min.cleanable.dirty.ratio", "0.1");

    /** A topic as it is created: name, partitions and configs. */
    public record Spec(String name, int partitions, Map<String, String> configs) {}

    private TopicPolicy() {}

    /** The spec of {@code topic} for a service whose keyed topics have {@code partitions} partitions. */
    public static Spec of(Topic topic, int partitions) {
        String name = topic.name();
        if (name.endsWith("-dlt")) {
            return new Spec(name, 1, FOREVER);
        }
        if (name.equals(Topics.snapshots(topic.writer()).name())) {
            return new Spec(name, 1, COMPACTED);
        }
        if (name.equals(Topics.nonces(topic.writer()).name()) || name.endsWith(".commands")) {
            return new Spec(name, partitions, WEEK);
        }
        if (name.endsWith(".events")) {
            return new Spec(name, partitions, FOREVER);
        }
        if (name.endsWith(".replies")) {
            return new Spec(name, partitions, HOUR);
        }
        throw new IllegalArgumentException("no policy for topic " + name);
    }
}
