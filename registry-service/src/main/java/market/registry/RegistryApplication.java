package market.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import market.platform.config.MarketProperties;
import market.platform.config.PlatformConfiguration;
import market.platform.config.ServiceRuntime;
import market.platform.runtime.KafkaClients;
import market.platform.runtime.TopicFollower;
import market.registry.datashare.staging.KeeperNodes;
import market.registry.datashare.staging.StagedUploader;
import market.registry.datashare.staging.StagingArea;
import market.registry.datashare.staging.StorageAgent;
import market.registry.datashare.view.DataShareQueries;
import market.platform.runtime.Reactions;
import market.platform.runtime.ServiceModel;
import market.registry.custody.KeyCustody;
import market.registry.saga.RegistryReactor;
import market.registry.wire.RegistryCommands;
import market.registry.wire.RegistryEvents;
import market.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * registry-service: data types, two-phase dataset registration, removal, key custody and key
 * release. It owns {@code registry.commands}, {@code registry.events} and
 * {@code registry.replies}; its reactions follow {@code settlement.events} (storage fees) and
 * {@code order.events} (completed deals). It follows {@code keeper.events} for the keeper nodes
 * of each cluster, to which it uploads the data it encrypted from DataShare {@code plainData}.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@Import(PlatformConfiguration.class)
public class RegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }

    @Bean
    ServiceModel registryModel(KeyCustody custody) {
        return new ServiceModel(Topics.REGISTRY, Topics.REGISTRY_COMMANDS, Topics.REGISTRY_EVENTS,
                Topics.REGISTRY_REPLIES, Topics.REGISTRY_COMMANDS_DLT, Topics.REGISTRY_EVENTS_DLT,
                List.of(RegistryAggregates.DATATYPE, RegistryAggregates.DATASET, RegistryAggregates.PROVIDER_KEYS),
                new RegistryCommands(custody), new RegistryEvents());
    }

    @Bean
    Reactions registryReactions(Clock clock) {
        return new RegistryReactor(clock).reactions();
    }

    @Bean
    StorageAgent storageAgent(@Value("${market.registry.storage-agent-key:}") String configuredKey,
            MarketProperties properties) {
        return StorageAgent.load(configuredKey, Path.of(properties.dataDir()));
    }

    @Bean
    StagingArea stagingArea(MarketProperties properties) {
        return new StagingArea(Path.of(properties.dataDir()));
    }

    @Bean
    KeeperNodes keeperNodes() {
        return new KeeperNodes();
    }

    @Bean
    TopicFollower keeperNodesFollower(KafkaClients clients, KeeperNodes nodes) {
        return new TopicFollower(clients, Topics.KEEPER_EVENTS, "registry-service-keeper-nodes", nodes::apply);
    }

    @Bean
    StagedUploader stagedUploader(StagingArea staging, ServiceRuntime runtime, DataShareQueries queries,
            KeeperNodes nodes, StorageAgent agent, Clock clock,
            @Value("${market.registry.staged-upload-interval:1s}") Duration interval) {
        return new StagedUploader(staging, runtime::isCaughtUp, queries::state, nodes, agent, clock, interval);
    }

    @Bean
    KeyCustody keyCustody(@Value("${market.registry.custody-key:}") String configuredKey, MarketProperties properties) {
        return KeyCustody.load(configuredKey, Path.of(properties.dataDir()));
    }
}
