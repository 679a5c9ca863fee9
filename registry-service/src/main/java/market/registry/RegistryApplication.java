package market.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import market.platform.config.MarketProperties;
import market.platform.config.PlatformConfiguration;
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
 * {@code order.events} (completed deals).
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
    KeyCustody keyCustody(@Value("${market.registry.custody-key:}") String configuredKey, MarketProperties properties) {
        return KeyCustody.load(configuredKey, Path.of(properties.dataDir()));
    }
}
