package market.keeper;

import java.time.Clock;
import java.util.List;
import market.keeper.saga.KeeperReactor;
import market.keeper.wire.KeeperWire;
import market.platform.config.PlatformConfiguration;
import market.platform.runtime.Reactions;
import market.platform.runtime.ServiceModel;
import market.schemas.Topics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * keeper-service: the clusters and keepers that store the encrypted fragments (addcluster,
 * addidfs) and the placement of each registration's fragments on clusters. Its reactions follow
 * {@code registry.events}. It owns {@code keeper.commands}, {@code keeper.events} and
 * {@code keeper.replies}.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@Import(PlatformConfiguration.class)
public class KeeperApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeeperApplication.class, args);
    }

    @Bean
    ServiceModel keeperModel() {
        KeeperWire wire = new KeeperWire();
        return new ServiceModel(Topics.KEEPER, Topics.KEEPER_COMMANDS, Topics.KEEPER_EVENTS, Topics.KEEPER_REPLIES,
                Topics.KEEPER_COMMANDS_DLT, Topics.KEEPER_EVENTS_DLT, List.of(KeeperAggregates.DIRECTORY_TYPE), wire,
                wire);
    }

    @Bean
    Reactions keeperReactions(Clock clock) {
        return new KeeperReactor(clock).reactions();
    }
}
