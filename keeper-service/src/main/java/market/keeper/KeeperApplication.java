package market.keeper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import market.keeper.audit.Auditor;
import market.keeper.saga.KeeperReactor;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageEvent;
import market.keeper.storage.domain.StorageState;
import market.keeper.wire.KeeperWire;
import market.platform.config.PlatformConfiguration;
import market.platform.config.ServiceRuntime;
import market.platform.runtime.AggregateType;
import market.platform.runtime.Reactions;
import market.platform.runtime.ServiceModel;
import market.platform.web.CommandGateway;
import market.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * keeper-service: the clusters and keepers that store the encrypted fragments (addcluster,
 * addidfs), the placement of each registration's fragments on clusters, and each dataset's
 * storage record: the CIDs its provider declared and the replicas the keepers' receipts report.
 * Its reactions follow {@code registry.events} and its own {@code keeper.events}. It owns {@code keeper.commands}, {@code keeper.events} and
 * {@code keeper.replies}.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@Import(PlatformConfiguration.class)
public class KeeperApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeeperApplication.class, args);
    }

    @Bean
    AggregateType<StorageCommand, StorageEvent, StorageState> storageType(
            @Value("${market.keeper.min-replicas:2}") int minReplicas,
            @Value("${market.keeper.audit-failures-before-faulty:3}") int failuresBeforeFaulty) {
        return KeeperAggregates.storage(minReplicas, failuresBeforeFaulty);
    }

    @Bean
    ServiceModel keeperModel(AggregateType<StorageCommand, StorageEvent, StorageState> storageType) {
        KeeperWire wire = new KeeperWire();
        return new ServiceModel(Topics.KEEPER, Topics.KEEPER_COMMANDS, Topics.KEEPER_EVENTS, Topics.KEEPER_REPLIES,
                Topics.KEEPER_COMMANDS_DLT, Topics.KEEPER_EVENTS_DLT,
                List.of(KeeperAggregates.DIRECTORY_TYPE, storageType), wire, wire);
    }

    @Bean
    Auditor auditor(ServiceRuntime runtime, CommandGateway gateway,
            AggregateType<StorageCommand, StorageEvent, StorageState> storageType, Clock clock,
            @Value("${market.keeper.day-length:1d}") Duration dayLength,
            @Value("${market.keeper.audit-interval:1m}") Duration auditInterval,
            @Value("${market.keeper.audit-timeout:10s}") Duration auditTimeout,
            @Value("${market.keeper.audit-attempts:3}") int auditAttempts) {
        return new Auditor(runtime, gateway, storageType, clock, dayLength, auditInterval, auditTimeout, auditAttempts);
    }

    @Bean
    Reactions keeperReactions(Clock clock) {
        return new KeeperReactor(clock).reactions();
    }
}
