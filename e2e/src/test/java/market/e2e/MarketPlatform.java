package market.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import market.keeper.KeeperApplication;
import market.node.NodeApplication;
import market.order.OrderApplication;
import market.platform.config.ServiceRuntime;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.registry.RegistryApplication;
import market.settlement.SettlementApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The whole platform in one JVM for end-to-end tests: registry, settlement, order and keeper
 * services, each its own Spring context on a random port, all on the one real broker of
 * {@link KafkaBroker}, and keeper nodes, real HTTP servers with folders of their own. A service can be stopped and started again on the same data folder and
 * instance id, as a restart in production would.
 */
final class MarketPlatform {

    static final String VERIFYING_CONTRACT = "0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f";

    private static MarketPlatform shared;

    /** The spans of watched traces, from every service. */
    static final TraceWatch TRACES = new TraceWatch();

    final Wallet operator = Wallet.create();
    private final Path dataDir;
    private final Map<Class<?>, ConfigurableApplicationContext> running = new HashMap<>();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<Class<?>, Integer> servicePorts = new HashMap<>();
    private final Map<String, Integer> nodePorts = new HashMap<>();
    private Cluster storage;

    MarketPlatform() {
        try {
            dataDir = Files.createTempDirectory("market-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One platform for every end-to-end test class of the run, started on first use. */
    static synchronized MarketPlatform shared() {
        if (shared == null) {
            shared = new MarketPlatform();
            shared.startAll();
            KafkaBroker.beforeStop(shared::stopAll);
        }
        return shared;
    }

    void startAll() {
        start(RegistryApplication.class);
        start(SettlementApplication.class);
        start(OrderApplication.class);
        start(KeeperApplication.class);
    }

    /** A keeper node with a folder and wallet of its own, serving on a random port. */
    record Node(String name, ConfigurableApplicationContext context, Path folder, Wallet wallet) {
        int port() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        /** Where the node's block store keeps a block: a folder named by the CID's last two characters. */
        java.nio.file.Path blockFile(String cid) {
            return folder.resolve("blocks").resolve(cid.substring(cid.length() - 2)).resolve(cid);
        }
    }

    /** Starts keeper node {@code name}, or starts it again on its folder (and so its wallet and blocks). */
    Node startNode(String name) {
        Path folder = dataDir.resolve("nodes").resolve(name);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.config.name", "market-e2e");
        properties.put("spring.application.name", "keeper-node-" + name);
        properties.put("server.port", nodePorts.getOrDefault(name, 0));
        properties.put("spring.main.banner-mode", "off");
        properties.put("market.node.data-dir", folder.toString());
        properties.put("market.node.keeper-url", keeperUrl());
        properties.put("market.node.sync-interval", "300ms");
        // what the cluster no longer stores is dropped a storage day after, not a week
        properties.put("market.node.drop-grace", "3s");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NodeApplication.class)
                // closed by stopAll before the broker stops, not by a hook of its own beside the broker's
                .registerShutdownHook(false)
                .properties(properties)
                .initializers(c -> ((org.springframework.context.support.GenericApplicationContext) c)
                        .registerBean(ReactorResourceFactory.class, MarketPlatform::ownResources))
                .run();
        Node node = new Node(name, context, folder, context.getBean(Wallet.class));
        nodePorts.put(name, node.port());
        nodes.put(name, node);
        return node;
    }

    /** A cluster of keeper nodes: its id and its nodes, in the order they joined. */
    record Cluster(long id, java.util.List<Node> nodes) {}

    /** Adds a cluster and starts a keeper node for each name, each joined to it with 1 GiB at its port. */
    Cluster startCluster(String... names) {
        Wallet owner = Wallet.create();
        long id = keeper().post(owner, "/v1/clusters", Map.of("cluster_key_hash",
                market.platform.crypto.Hashes.sha256Hex(market.platform.crypto.Hashes.utf8(
                        java.util.UUID.randomUUID().toString())))).expect(201).json().get("cluster_id").longValue();
        java.util.List<Node> started = new java.util.ArrayList<>();
        for (String name : names) {
            Node node = startNode(name);
            keeper().post(node.wallet(), "/v1/keepers", Map.of("capacity", 1L << 30, "cluster_id", id,
                    "idfs_public_key", market.platform.crypto.Hashes.toHex0x(node.wallet().publicKey()),
                    "ipaddr", "127.0.0.1", "port", node.port())).expect(201);
            started.add(node);
        }
        return new Cluster(id, java.util.List.copyOf(started));
    }

    /**
     * The cluster that {@link Flows#register} stores data on: two keeper nodes, started and
     * registered on first use, so a fragment is stored once both hold it.
     */
    synchronized long storageCluster() {
        if (storage == null) {
            storage = startCluster("storage-1", "storage-2");
        }
        return storage.id();
    }

    java.util.List<Node> storageNodes() {
        storageCluster();
        return storage.nodes();
    }

    void stopNode(String name) {
        Node node = nodes.remove(name);
        if (node != null) {
            node.context().close();
        }
    }

    String registryUrl() {
        return "http://localhost:" + running.get(RegistryApplication.class).getEnvironment()
                .getProperty("local.server.port");
    }

    String orderUrl() {
        return "http://localhost:" + running.get(market.order.OrderApplication.class).getEnvironment()
                .getProperty("local.server.port");
    }

    String keeperUrl() {
        return "http://localhost:" + running.get(KeeperApplication.class).getEnvironment().getProperty("local.server.port");
    }

    /** The running context of {@code application}. */
    ConfigurableApplicationContext context(Class<?> application) {
        ConfigurableApplicationContext context = running.get(application);
        if (context == null) {
            throw new IllegalStateException(application.getSimpleName() + " is not running");
        }
        return context;
    }

    void start(Class<?> application) {
        ConfigurableApplicationContext context = run(application, "e2e",
                servicePorts.getOrDefault(application, 0), dataDir.resolve(serviceName(application)));
        running.put(application, context);
        servicePorts.put(application, Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /**
     * Starts a second instance of {@code application}, {@code instance}, on a port and data folder
     * of its own, in the same consumer groups as the first: a replica, as a second pod would be. A
     * registry replica holds the same keys as the first (its data folder's key files, as a
     * Kubernetes Secret would give both). The caller closes it.
     */
    ConfigurableApplicationContext startReplica(Class<?> application, String instance) {
        Path folder = dataDir.resolve(serviceName(application) + "-" + instance);
        try {
            Files.createDirectories(folder);
            Path first = dataDir.resolve(serviceName(application));
            try (var files = Files.isDirectory(first) ? Files.list(first) : java.util.stream.Stream.<Path>empty()) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(application, instance, 0, folder);
    }

    private static String serviceName(Class<?> application) {
        return application.getSimpleName().replace("Application", "").toLowerCase();
    }

    private ConfigurableApplicationContext run(Class<?> application, String instance, int port, Path folder) {
        String name = serviceName(application);
        Map<String, Object> properties = new HashMap<>();
        // three services share one classpath, so none reads the application.properties of a jar
        properties.put("spring.config.name", "market-e2e");
        properties.put("spring.application.name", name + "-service");
        // a restarted service takes its old port back: keeper nodes keep keeper-service's URL
        properties.put("server.port", port);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
        properties.put("market.data-dir", folder.toString());
        properties.put("market.instance-id", instance);
        properties.put("market.settlement.operator-address", operator.address());
        properties.put("market.order.chain-id", "134");
        properties.put("market.order.verifying-contract", VERIFYING_CONTRACT);
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("management.endpoints.web.exposure.include", "health,prometheus");
        // as the registry's application.properties: a DataShare publish carries up to 8 MiB as Base64
        properties.put("spring.http.codecs.max-in-memory-size", "12MB");
        // storage days of 3 s, so audits and faulty replicas happen within a test
        properties.put("market.keeper.day-length", "3s");
        properties.put("market.keeper.audit-interval", "500ms");
        properties.put("market.keeper.audit-timeout", "2s");
        properties.put("market.keeper.audit-attempts", "2");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                // closed by stopAll before the broker stops, not by a hook of its own beside the broker's
                .registerShutdownHook(false)
                .properties(properties)
                .initializers(c -> {
                    var generic = (org.springframework.context.support.GenericApplicationContext) c;
                    // each context its own Netty loops: closing one service must not stop the others
                    generic.registerBean(ReactorResourceFactory.class, MarketPlatform::ownResources);
                    generic.registerBean(io.opentelemetry.sdk.trace.SpanProcessor.class, () -> TRACES);
                })
                .run();
        Readiness.await(context.getBean(ServiceRuntime.class));
        return context;
    }

    /** Netty resources of a context's own, so closing one context stops no other's server. */
    static ReactorResourceFactory ownResources() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        // its loops stop at once: a stopped context's server and clients have nothing left to finish,
        // and the default quiet period of 2 s (up to 15) would be waited per service stopped
        factory.setShutdownQuietPeriod(Duration.ZERO);
        factory.setShutdownTimeout(Duration.ofSeconds(2));
        return factory;
    }

    void stop(Class<?> application) {
        ConfigurableApplicationContext context = running.remove(application);
        if (context != null) {
            context.close();
        }
    }

    void stopAll() {
        new java.util.ArrayList<>(nodes.keySet()).forEach(this::stopNode);
        stop(KeeperApplication.class);
        stop(OrderApplication.class);
        stop(SettlementApplication.class);
        stop(RegistryApplication.class);
    }

    /** The registry's data folder: its custody key, storage account and staged fragments. */
    Path registryDataDir() {
        return dataDir.resolve("registry");
    }

    SignedHttp registry() {
        return http(RegistryApplication.class);
    }

    SignedHttp settlement() {
        return http(SettlementApplication.class);
    }

    SignedHttp order() {
        return http(OrderApplication.class);
    }

    SignedHttp keeper() {
        return http(KeeperApplication.class);
    }

    private SignedHttp http(Class<?> application) {
        ConfigurableApplicationContext context = running.get(application);
        if (context == null) {
            throw new IllegalStateException(application.getSimpleName() + " is not running");
        }
        return new SignedHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
