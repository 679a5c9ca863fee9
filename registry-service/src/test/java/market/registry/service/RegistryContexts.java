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
    static long begin(SignedHttp http, Wallet provider, String type) {
        return RegistryServiceTestBase.expect(http.post(provider, "/v1/data",
                RegistryServiceTestBase.begin(type, List.of("Seoul"), new byte[2048], 2)), 201)
                .json().get("data_id").longValue();
    }

    /** The provider's list, the data type and each dataset, as the views answer them. */
    static List<String> views(SignedHttp http, Wallet provider, String type, long... ids) {
        List<String> views = new ArrayList<>();
        views.add(http.get("/v1/data?provider=" + provider.address() + "&size=100").body());
        views.add(http.get("/v1/datatypes/" + type).body());
        for (long id : ids) {
            views.add(http.get("/v1/data/" + id).body());
        }
        return views;
    }
}
