package market.keeper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import market.keeper.audit.Auditor;
import market.keeper.saga.KeeperReactor;
import market.keeper.storage.TermScheduler;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageDays;
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
 * storage record: the CIDs its provider declared, the replicas the keepers' receipts report,
 * their audits, the storage term, the keepers' rewards and claims (claimkreward). Its reactions
 * follow {@code registry.events}, its own {@code keeper.events} and {@code settlement.events}.
 * It owns {@code keeper.commands}, {@code keeper.events} and {@code keeper.replies}.
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
    StorageDays storageDays(@Value("${market.keeper.day-length:1d}") Duration dayLength) {
        return new StorageDays(dayLength);
    }

    @Bean
    Auditor auditor(ServiceRuntime runtime, CommandGateway gateway,
            AggregateType<StorageCommand, StorageEvent, StorageState> storageType, Clock clock, StorageDays days,
            @Value("${market.keeper.audit-interval:1m}") Duration auditInterval,
            @Value("${market.keeper.audit-timeout:10s}") Duration auditTimeout,
            @Value("${market.keeper.audit-attempts:3}") int auditAttempts) {
        return new Auditor(runtime, gateway, storageType, clock, days, auditInterval, auditTimeout, auditAttempts);
    }

    /**
     * Ends the storage terms that ran out, checked as often as audits run, once the audits of a
     * term's last day can no longer be under way.
     */
    @Bean
    TermScheduler termScheduler(ServiceRuntime runtime, CommandGateway gateway,
            AggregateType<StorageCommand, StorageEvent, StorageState> storageType, Clock clock, StorageDays days,
            @Value("${market.keeper.audit-interval:1m}") Duration interval,
            @Value("${market.keeper.audit-timeout:10s}") Duration auditTimeout,
            @Value("${market.keeper.audit-attempts:3}") int auditAttempts) {
        return new TermScheduler(runtime, gateway, storageType, clock, days, interval,
                interval.plus(auditTimeout.multipliedBy(auditAttempts)));
    }

    @Bean
    Reactions keeperReactions(Clock clock, StorageDays days) {
        return new KeeperReactor(clock, days).reactions();
    }
}
