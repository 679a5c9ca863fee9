package market.platform.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import market.platform.runtime.CommandProcessor;
import market.platform.runtime.KafkaClients;
import market.platform.runtime.Projection;
import market.platform.runtime.ProjectionListener;
import market.platform.runtime.Reactions;
import market.platform.runtime.Reactor;
import market.platform.runtime.ServiceModel;
import market.platform.runtime.TopicBootstrap;
import market.platform.tracing.Traces;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/**
 * Starts and stops one service's Kafka machinery in order: topics, projection, command
 * processor, reactor (when the service has {@link Reactions}), and the replying template whose
 * consumer (its own group, read_committed) reads {@code S.replies}. It starts before the web server and stops after it.
 */
public final class ServiceRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

    private final ServiceModel model;
    private final KafkaClients clients;
    private final MarketProperties properties;
    private final Projection projection;
    private final CommandProcessor processor;
    private final Reactions reactions;
    private final Reactor reactor;
    private final DefaultKafkaProducerFactory<String, byte[]> gatewayProducers;
    private final ReplyingKafkaTemplate<String, byte[], byte[]> replies;
    private volatile boolean running;

    /**
     * With {@code meters} (null for none): the processor's and reactor's batches, commands, saga
     * steps and lag; with {@code traces}, a span for each command and event they process.
     */
    public ServiceRuntime(ServiceModel model, KafkaClients clients, MarketProperties properties,
            List<ProjectionListener> listeners, Reactions reactions, java.time.Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters, Traces traces) {
        this.model = model;
        this.clients = clients;
        this.properties = properties;
        this.projection = new Projection(model, clients, listeners);
        this.processor = new CommandProcessor(model, clients,
                model.service() + "-processor-" + properties.instanceId(), projection, properties.snapshotEvery(),
                properties.snapshotWhenIdle(), clock, properties.signatureWindow(),
                properties.signatureWindow().plus(properties.replyTimeout()));
        this.reactions = reactions;
        this.reactor = reactions == null ? null
                : new Reactor(model, reactions, clients, model.service() + "-reactor-" + properties.instanceId());
        processor.trace(traces);
        if (reactor != null) {
            reactor.trace(traces);
        }
        if (meters != null) {
            processor.meter(meters, model.service(), "processor");
            if (reactor != null) {
                reactor.meter(meters, model.service(), "reactor");
            }
        }
        this.gatewayProducers = new DefaultKafkaProducerFactory<>(clients.producer(model.service() + "-gateway"));
        this.replies = replyingTemplate();
    }

    private ReplyingKafkaTemplate<String, byte[], byte[]> replyingTemplate() {
        Map<String, Object> consumer = clients.consumer(model.service() + "-replies");
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, model.service() + "-replies-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ContainerProperties container = new ContainerProperties(model.replies().name());
        KafkaMessageListenerContainer<String, byte[]> listener =
                new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(consumer), container);
        ReplyingKafkaTemplate<String, byte[], byte[]> template = new ReplyingKafkaTemplate<>(gatewayProducers, listener);
        template.setSharedReplyTopic(true);
        template.setDefaultReplyTimeout(properties.replyTimeout());
        return template;
    }

    @Override
    public void start() {
        if (properties.createTopics()) {
            TopicBootstrap.ensure(clients, model, reactions, properties.partitions(), properties.replicationFactor());
        } else {
            TopicBootstrap.check(clients, model);
        }
        projection.start();
        processor.start();
        if (reactor != null) {
            reactor.start();
        }
        replies.start();
        try {
            if (!replies.waitForAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("reply consumer was not assigned " + model.replies().name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        running = true;
        log.info("{} runtime started", model.service());
    }

    @Override
    public void stop() {
        running = false;
        replies.stop();
        gatewayProducers.destroy();
        if (reactor != null) {
            reactor.close();
        }
        processor.close();
        projection.close();
        log.info("{} runtime stopped", model.service());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * True once the processor has replayed its partitions, the projection has caught up, and the
     * reactor (if the service has reactions) has its partitions.
     */
    public boolean isCaughtUp() {
        return running && processor.isReady() && projection.isCaughtUp() && (reactor == null || reactor.isReady());
    }

    public Projection projection() {
        return projection;
    }

    public CommandProcessor processor() {
        return processor;
    }

    public ReplyingKafkaTemplate<String, byte[], byte[]> replies() {
        return replies;
    }
}
