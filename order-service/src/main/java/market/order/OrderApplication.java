package market.order;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import market.order.market.OrderSigning;
import market.order.saga.OrderReactor;
import market.order.wire.OrderWire;
import market.platform.config.PlatformConfiguration;
import market.platform.runtime.Reactions;
import market.platform.runtime.ServiceModel;
import market.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * order-service: signed dataset orders, buy requests matched against them, and deals. It owns
 * {@code order.commands}, {@code order.events} and {@code order.replies}; its reactions follow
 * {@code registry.events} (data on sale or removed) and {@code settlement.events} (deal payments).
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@Import(PlatformConfiguration.class)
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }

    @Bean
    OrderSigning orderSigning(@Value("${market.order.chain-id}") BigInteger chainId,
            @Value("${market.order.verifying-contract}") String verifyingContract) {
        return new OrderSigning(chainId, verifyingContract);
    }

    @Bean
    ServiceModel orderModel(OrderSigning signing) {
        OrderWire wire = new OrderWire(signing);
        return new ServiceModel(Topics.ORDER, Topics.ORDER_COMMANDS, Topics.ORDER_EVENTS, Topics.ORDER_REPLIES,
                Topics.ORDER_COMMANDS_DLT, Topics.ORDER_EVENTS_DLT, List.of(OrderAggregates.MARKET), wire, wire);
    }

    @Bean
    Reactions orderReactions(Clock clock) {
        return new OrderReactor(clock).reactions();
    }
}
