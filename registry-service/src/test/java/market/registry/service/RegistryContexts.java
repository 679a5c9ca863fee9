package market.registry.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import market.platform.config.ServiceRuntime;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.registry.RegistryApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Registry contexts that a test starts and stops itself, as the restart tests do, and what they read from them. */
final class RegistryContexts {

    private RegistryContexts() {}

    /** A started registry on the test broker, ready (caught up), with {@code extra} arguments. */
    static ConfigurableApplicationContext start(Path dataDir, String instanceId, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(),
                "--market.data-dir=" + dataDir, "--market.instance-id=" + instanceId));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistryApplication.class)
                .run(args.toArray(String[]::new));
        Readiness.await(context.getBean(ServiceRuntime.class));
        return context;
    }

    static SignedHttp http(ConfigurableApplicationContext context) {
        return new SignedHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** Begins a 2-fragment registration of 2 KiB; answers its data_id. */
    private static long begin(SignedHttp http, Wallet provider, String type) {
        return RegistryServiceTestBase.expect(http.post(provider, "/v1/data",
                RegistryServiceTestBase.begin(type, List.of("Seoul"), new byte[2048], 2)), 201)
                .json().get("data_id").longValue();
    }

    /** A provider's data type and three of its datasets: one on sale, one still registering, one removed. */
    record Registered(String type, long onSale, long registering, long removed) {

        /** The provider's list, the data type and the three datasets, as the views answer them now. */
        List<String> views(SignedHttp http, Wallet provider) {
            return RegistryContexts.views(http, provider, type, onSale, registering, removed);
        }
    }

    /** Adds the data type {@code type} and registers the three datasets of {@link Registered}. */
    static Registered registerThree(SignedHttp http, Wallet provider, String type) {
        RegistryServiceTestBase.expect(http.post(provider, "/v1/datatypes",
                RegistryServiceTestBase.datatype(type, "city")), 201);
        long onSale = begin(http, provider, type);
        RegistryServiceTestBase.expect(RegistryServiceTestBase.endOnceStored(http, provider, onSale, 2,
                RegistryServiceTestBase.end(2, "k")), 200);
        RegistryServiceTestBase.chargeFee(provider.address(), onSale);
        RegistryServiceTestBase.awaitStatus(http, onSale, 0);
        long registering = begin(http, provider, type);
        long removed = begin(http, provider, type);
        RegistryServiceTestBase.expect(http.delete(provider, "/v1/data/" + removed), 200);
        return new Registered(type, onSale, registering, removed);
    }

    /** The provider's list, the data type and each dataset, as the views answer them. */
    private static List<String> views(SignedHttp http, Wallet provider, String type, long... ids) {
        List<String> views = new ArrayList<>();
        views.add(http.get("/v1/data?provider=" + provider.address() + "&size=100").body());
        views.add(http.get("/v1/datatypes/" + type).body());
        for (long id : ids) {
            views.add(http.get("/v1/data/" + id).body());
        }
        return views;
    }
}
