package market.platform.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares, under {@code market.*}.
 *
 * @param dataDir where the service keeps local files (its custody key, for the registry)
 * @param partitions partition count of the service's commands, events and replies topics
 * @param replicationFactor replication factor of topics the service creates
 * @param instanceId stable id of this instance; names its transactional producer, so a restarted
 *     instance fences its predecessor's open transaction at once
 * @param replyTimeout how long a request waits for its command's reply
 * @param signatureWindow how far a signed request's timestamp may be from server time
 * @param snapshotEvery events offsets a partition grows by between two snapshots of its state
 *     on {@code S.snapshots}; 0 for no snapshots (every start replays from the first event)
 * @param snapshotWhenIdle whether a partition that is due for a snapshot gets it while no command
 *     arrives too (after a long replay, say), not only after the next batch of commands
 * @param createTopics whether the service creates its topics when they are missing; off where
 *     the topics are declared elsewhere (Strimzi {@code KafkaTopic}s) and the service's Kafka user
 *     may not create them: it then only checks their partition counts
 */
@ConfigurationProperties("market")
public record MarketProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("0") String instanceId,
        @DefaultValue("30s") Duration replyTimeout,
        @DefaultValue("5m") Duration signatureWindow,
        @DefaultValue("100000") long snapshotEvery,
        @DefaultValue("false") boolean snapshotWhenIdle,
        @DefaultValue("true") boolean createTopics) {}
