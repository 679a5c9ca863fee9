package market.settlement;

import java.time.Clock;
import java.util.List;
import market.platform.config.PlatformConfiguration;
import market.platform.runtime.Reactions;
import market.platform.runtime.ServiceModel;
import market.schemas.Topics;
import market.settlement.saga.SettlementReactor;
import market.settlement.wire.SettlementWire;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * settlement-service: accounts with available and locked balances, operator-signed deposits,
 * owner-signed withdrawals, storage fees and deal payments through clearing, and the double-entry
 * ledger. Its reactions follow {@code registry.events}, {@code order.events} and its own events. It owns {@code settlement.commands},
 * {@code settlement.events} and {@code settlement.replies}.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@Import(PlatformConfiguration.class)
public class SettlementApplication {

    public static void main(String[] args) {
        SpringApplication.run(SettlementApplication.class, args);
    }

    @Bean
    ServiceModel settlementModel() {
        SettlementWire wire = new SettlementWire();
        return new ServiceModel(Topics.SETTLEMENT, Topics.SETTLEMENT_COMMANDS, Topics.SETTLEMENT_EVENTS,
                Topics.SETTLEMENT_REPLIES, Topics.SETTLEMENT_COMMANDS_DLT, Topics.SETTLEMENT_EVENTS_DLT,
                List.of(SettlementAggregates.ACCOUNT), wire, wire);
    }

    @Bean
    Reactions settlementReactions(Clock clock) {
        return new SettlementReactor(clock).reactions();
    }
}
