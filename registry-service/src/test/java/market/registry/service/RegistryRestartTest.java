package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import market.platform.config.ServiceRuntime;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.registry.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new registry-service context on the same broker rebuilds exactly the same views by replay,
 * and its command processor rebuilt the same aggregate states.
 */
class RegistryRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewContextOnTheSameBrokerShowsIdenticalViews() {
        Wallet provider = Wallet.create();
        String type = RegistryServiceTestBase.uniqueName("restart");
        long onSale;
        long registering;
        long removed;
        List<String> before;
        try (ConfigurableApplicationContext first = start()) {
            SignedHttp http = http(first);
            RegistryServiceTestBase.expect(http.post(provider, "/v1/datatypes",
                    RegistryServiceTestBase.datatype(type, "city")), 201);
            onSale = begin(http, provider, type);
            RegistryServiceTestBase.expect(RegistryServiceTestBase.endOnceStored(http, provider, onSale, 2,
                    RegistryServiceTestBase.end(2, "k")), 200);
            RegistryServiceTestBase.chargeFee(provider.address(), onSale);
            RegistryServiceTestBase.awaitStatus(http, onSale, 0);
            registering = begin(http, provider, type);
            removed = begin(http, provider, type);
            RegistryServiceTestBase.expect(http.delete(provider, "/v1/data/" + removed), 200);
            before = views(http, provider, type, onSale, registering, removed);
        }

        try (ConfigurableApplicationContext second = start()) {
            SignedHttp http = http(second);
            assertThat(views(http, provider, type, onSale, registering, removed)).isEqualTo(before);

            // the processor's state was rebuilt too: the rules see the same history
            assertThat(http.delete(provider, "/v1/data/" + removed).errorMsg())
                    .isEqualTo("The data has already been removed");
            assertThat(RegistryServiceTestBase.expect(RegistryServiceTestBase.endOnceStored(http, provider, registering,
                    2, RegistryServiceTestBase.end(2, "k")), 200).json().get("fee_pending").booleanValue()).isTrue();
            assertThat(http.post(provider, "/v1/datatypes", RegistryServiceTestBase.datatype(type, "city"))
                    .errorCode()).isEqualTo("REGISTRY.DATATYPE_EXISTS");
        }
    }

    private static long begin(SignedHttp http, Wallet provider, String type) {
        return RegistryServiceTestBase.expect(http.post(provider, "/v1/data",
                RegistryServiceTestBase.begin(type, List.of("Seoul"), new byte[2048], 2)), 201)
                .json().get("data_id").longValue();
    }

    private static List<String> views(SignedHttp http, Wallet provider, String type, long... ids) {
        List<String> views = new java.util.ArrayList<>();
        views.add(http.get("/v1/data?provider=" + provider.address() + "&size=100").body());
        views.add(http.get("/v1/datatypes/" + type).body());
        for (long id : ids) {
            views.add(http.get("/v1/data/" + id).body());
        }
        return views;
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(),
                "--market.data-dir=" + dataDir,
                "--market.instance-id=restart-test");
        Readiness.await(context.getBean(ServiceRuntime.class));
        return context;
    }

    private static SignedHttp http(ConfigurableApplicationContext context) {
        return new SignedHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
