package market.platform.config;

import market.platform.runtime.KafkaClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka clients' settings of an application: the brokers from
 * {@code spring.kafka.bootstrap-servers} and {@link KafkaSettings}. Every service imports it
 * through {@link PlatformConfiguration}; the explorer, which reads topics but is no service,
 * imports it alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaClientsConfiguration {

    @Bean
    KafkaClients kafkaClients(@Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers,
            KafkaSettings settings) {
        return new KafkaClients(bootstrapServers, settings.consumer(), settings.producer(), settings.connection());
    }
}
