package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        RegistryContexts.Registered data;
        List<String> before;
        try (ConfigurableApplicationContext first = RegistryContexts.start(dataDir, "restart-test")) {
            SignedHttp http = RegistryContexts.http(first);
            data = RegistryContexts.registerThree(http, provider, type);
            before = data.views(http, provider);
        }

        try (ConfigurableApplicationContext second = RegistryContexts.start(dataDir, "restart-test")) {
            SignedHttp http = RegistryContexts.http(second);
            assertThat(data.views(http, provider)).isEqualTo(before);

            // the processor's state was rebuilt too: the rules see the same history
            assertThat(http.delete(provider, "/v1/data/" + data.removed()).errorMsg())
                    .isEqualTo("The data has already been removed");
            assertThat(RegistryServiceTestBase.expect(RegistryServiceTestBase.endOnceStored(http, provider,
                    data.registering(), 2, RegistryServiceTestBase.end(2, "k")), 200).json().get("fee_pending")
                    .booleanValue()).isTrue();
            assertThat(http.post(provider, "/v1/datatypes", RegistryServiceTestBase.datatype(type, "city"))
                    .errorCode()).isEqualTo("REGISTRY.DATATYPE_EXISTS");
        }
    }
}
