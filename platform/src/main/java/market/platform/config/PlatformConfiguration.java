package market.platform.config;

import java.time.Clock;
import market.platform.runtime.KafkaClients;
import market.platform.runtime.ProjectionListener;
import market.platform.runtime.Reactions;
import market.platform.runtime.ServiceModel;
import market.platform.tracing.Traces;
import market.platform.web.ApiErrorHandler;
import market.platform.web.CodecErrorBodies;
import market.platform.web.CommandGateway;
import market.platform.web.ReadinessGate;
import market.platform.web.SignatureVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.ObjectMapper;

/**
 * The runtime every service imports: given the service's {@link ServiceModel}, it provides the
 * Kafka runtime, the command gateway, signature checks, the error body (on Netty's own answers
 * too), and the replay readiness indicator ({@code /actuator/health/readiness} stays DOWN until
 * caught up) with the gate that answers API requests 503 until then, and traces
 * ({@link TracingConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketProperties.class)
@Import({KafkaClientsConfiguration.class, TracingConfiguration.class})
public class PlatformConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ServiceRuntime serviceRuntime(ServiceModel model, KafkaClients clients, MarketProperties properties,
            ObjectProvider<ProjectionListener> listeners, ObjectProvider<Reactions> reactions,
            Clock clock, ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters, Traces traces) {
        return new ServiceRuntime(model, clients, properties, listeners.orderedStream().toList(),
                reactions.getIfAvailable(), clock, meters.getIfAvailable(), traces);
    }

    @Bean
    CommandGateway commandGateway(ServiceRuntime runtime, ServiceModel model, MarketProperties properties) {
        return new CommandGateway(runtime.replies(), runtime.projection(), model.commands(), properties.replyTimeout());
    }

    @Bean
    SignatureVerifier signatureVerifier(Clock clock, MarketProperties properties) {
        return new SignatureVerifier(clock, properties.signatureWindow());
    }

    @Bean
    ApiErrorHandler apiErrorHandler(ObjectMapper mapper) {
        return new ApiErrorHandler(mapper);
    }

    /** 503 with Retry-After for every API request until the runtime has caught up. */
    @Bean
    ReadinessGate readinessGate(ServiceRuntime runtime) {
        return new ReadinessGate(runtime::isCaughtUp);
    }

    /** The error body on the answers Netty's decoder gives before a request reaches the application. */
    @Bean
    org.springframework.boot.reactor.netty.NettyServerCustomizer codecErrorBodies() {
        return CodecErrorBodies.customizer();
    }

    @Bean
    HealthIndicator replayHealthIndicator(ServiceRuntime runtime) {
        return () -> runtime.isCaughtUp()
                ? Health.up().build()
                : Health.outOfService().withDetail("replay", "catching up with the event topics").build();
    }
}
