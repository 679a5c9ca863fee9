package market.platform.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings shared by the runtime's consumers and producers: string keys, byte values.
 * {@code consumerSettings} and {@code producerSettings} are more Kafka client settings (waits,
 * back-offs, fetch and batch sizes) over the runtime's own; the settings that exactly-once,
 * durability and the runtime's own bookkeeping rest on cannot be among them.
 * {@code connectionSettings} secure the connection to the brokers for every consumer, producer
 * and admin client ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}: a broker that
 * authenticates each service and lets it write only its own topics); nothing else goes there.
 */
public record KafkaClients(String bootstrapServers, Map<String, String> consumerSettings,
        Map<String, String> producerSettings, Map<String, String> connectionSettings) {

    /**
     * Consumer settings the runtime fixes: read_committed, offsets committed in transactions, its
     * groups and their assignor, checked records, no topic made by a read.
     */
    static final Set<String> FIXED_CONSUMER_SETTINGS = Set.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsumerConfig.CLIENT_ID_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.GROUP_PROTOCOL_CONFIG, ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG,
            ConsumerConfig.CHECK_CRCS_CONFIG, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);

    /**
     * Producer settings the runtime fixes: idempotent, acks=all, its transactional ids, and keyed
     * partitioning, so an aggregate's commands all reach the one partition that holds its state.
     */
    static final Set<String> FIXED_PRODUCER_SETTINGS = Set.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ProducerConfig.CLIENT_ID_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.ACKS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.PARTITIONER_CLASS_CONFIG,
            ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ProducerConfig.TRANSACTION_TWO_PHASE_COMMIT_ENABLE_CONFIG);

    public KafkaClients {
        connectionSettings = connection(connectionSettings);
        consumerSettings = withConnection(checked("consumer", consumerSettings, FIXED_CONSUMER_SETTINGS),
                connectionSettings);
        producerSettings = withConnection(checked("producer", producerSettings, FIXED_PRODUCER_SETTINGS),
                connectionSettings);
        // a value Kafka cannot read stops the start here, not when a loop makes its client
        parses("consumer", ConsumerConfig.configDef(), consumerConfig(bootstrapServers, "check", consumerSettings));
        parses("producer", ProducerConfig.configDef(), producerConfig(bootstrapServers, "check", producerSettings));
    }

    public KafkaClients(String bootstrapServers, Map<String, String> consumerSettings,
            Map<String, String> producerSettings) {
        this(bootstrapServers, consumerSettings, producerSettings, Map.of());
    }

    public KafkaClients(String bootstrapServers) {
        this(bootstrapServers, Map.of(), Map.of(), Map.of());
    }

    private static Map<String, String> connection(Map<String, String> settings) {
        if (settings == null) {
            return Map.of();
        }
        for (String key : settings.keySet()) {
            if (!(key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                throw new IllegalArgumentException("market.kafka.connection." + key + " cannot be set: the "
                        + "connection settings are security.protocol, sasl.* and ssl.*");
            }
        }
        return Map.copyOf(settings);
    }

    private static Map<String, String> withConnection(Map<String, String> settings, Map<String, String> connection) {
        Map<String, String> all = new HashMap<>(connection);
        all.putAll(settings);
        return Map.copyOf(all);
    }

    private static Map<String, String> checked(String client, Map<String, String> settings, Set<String> fixed) {
        if (settings == null) {
            return Map.of();
        }
        for (String key : settings.keySet()) {
            if (fixed.contains(key)) {
                throw new IllegalArgumentException("market.kafka." + client + "." + key
                        + " cannot be set: the runtime fixes it, for exactly-once delivery and durability");
            }
        }
        return Map.copyOf(settings);
    }

    private static void parses(String client, ConfigDef definition, Map<String, Object> config) {
        try {
            definition.parse(config);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("market.kafka." + client + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Object> consumer(String clientId) {
        return consumerConfig(bootstrapServers, clientId, consumerSettings);
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, String clientId,
            Map<String, String> consumerSettings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // only committed transactions: a reader never sees events of an aborted command
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(consumerSettings);
        return config;
    }

    public Map<String, Object> producer(String clientId) {
        return producerConfig(bootstrapServers, clientId, producerSettings);
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, String clientId,
            Map<String, String> producerSettings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putAll(producerSettings);
        return config;
    }

    public Map<String, Object> transactionalProducer(String transactionalId) {
        Map<String, Object> config = producer(transactionalId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return config;
    }

    public Map<String, Object> admin() {
        Map<String, Object> config = new HashMap<>(connectionSettings);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
