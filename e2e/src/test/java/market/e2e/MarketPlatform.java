package market.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
 * The whole platform in one JVM for end-to-end tests: registry, settlement and order services,
 * each its own Spring context on a random port, all on the one real broker of
 * {@link KafkaBroker}. A service can be stopped and started again on the same data folder and
 * instance id, as a restart in production would.
 */
final class MarketPlatform {

    static final String VERIFYING_CONTRACT = "0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f";

    private static MarketPlatform shared;

    final Wallet operator = Wallet.create();
    private final Path dataDir;
    private final Map<Class<?>, ConfigurableApplicationContext> running = new HashMap<>();

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
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopAll));
        }
        return shared;
    }

    void startAll() {
        start(RegistryApplication.class);
        start(SettlementApplication.class);
        start(OrderApplication.class);
    }

    void start(Class<?> application) {
        String name = application.getSimpleName().replace("Application", "").toLowerCase();
        Map<String, Object> properties = new HashMap<>();
        // three services share one classpath, so none reads the application.properties of a jar
        properties.put("spring.config.name", "market-e2e");
        properties.put("spring.application.name", name + "-service");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
        properties.put("market.data-dir", dataDir.resolve(name).toString());
        properties.put("market.instance-id", "e2e");
        properties.put("market.settlement.operator-address", operator.address());
        properties.put("market.order.chain-id", "134");
        properties.put("market.order.verifying-contract", VERIFYING_CONTRACT);
        properties.put("logging.level.org.apache.kafka", "WARN");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .properties(properties)
                // each context its own Netty loops: closing one service must not stop the others
                .initializers(c -> ((org.springframework.context.support.GenericApplicationContext) c)
                        .registerBean(ReactorResourceFactory.class, MarketPlatform::ownResources))
                .run();
        running.put(application, context);
        Readiness.await(context.getBean(ServiceRuntime.class));
    }

    private static ReactorResourceFactory ownResources() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    void stop(Class<?> application) {
        ConfigurableApplicationContext context = running.remove(application);
        if (context != null) {
            context.close();
        }
    }

    void stopAll() {
        stop(OrderApplication.class);
        stop(SettlementApplication.class);
        stop(RegistryApplication.class);
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

    private SignedHttp http(Class<?> application) {
        ConfigurableApplicationContext context = running.get(application);
        if (context == null) {
            throw new IllegalStateException(application.getSimpleName() + " is not running");
        }
        return new SignedHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
