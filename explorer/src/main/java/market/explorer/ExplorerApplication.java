package market.explorer;

import java.util.List;
import market.platform.config.KafkaClientsConfiguration;
import market.platform.runtime.KafkaClients;
import market.platform.runtime.TopicFollower;
import market.platform.web.ApiErrorHandler;
import market.schemas.Topic;
import market.schemas.Topics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.ObjectMapper;

/**
 * The market explorer: a read-only web page over the market, for people. It reads
 * {@code registry.events}, {@code order.events}, {@code settlement.events} and
 * {@code keeper.events} from the beginning, read_committed, as any analytics consumer could
 * (it writes nothing and joins no group), keeps its views in memory, and pushes each event to
 * open pages as a server-sent event. A restart reads the topics again.
 */
@SpringBootApplication
@Import(KafkaClientsConfiguration.class)
public class ExplorerApplication {

    /** The topics the explorer reads. */
    static final List<Topic> READS = List.of(Topics.REGISTRY_EVENTS, Topics.ORDER_EVENTS, Topics.SETTLEMENT_EVENTS,
            Topics.KEEPER_EVENTS);

    public static void main(String[] args) {
        SpringApplication.run(ExplorerApplication.class, args);
    }

    @Bean
    Explorer explorer() {
        return new Explorer();
    }

    /** One follower per events topic, each on its own thread, started and stopped together. */
    @Bean
    EventReaders eventReaders(KafkaClients clients, Explorer explorer) {
        return new EventReaders(READS.stream().map(topic -> new TopicFollower(clients, topic,
                "explorer-" + topic.name(), event -> explorer.apply(topic, event))).toList());
    }

    @Bean
    ApiErrorHandler apiErrorHandler(ObjectMapper mapper) {
        return new ApiErrorHandler(mapper);
    }
}
