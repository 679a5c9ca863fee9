package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.registry.RegistryApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The registry flow on a Testcontainers Kafka broker. It is skipped when no Docker engine
 * answers; {@link RegistryFlowTest} covers the same behaviour on the in-process broker.
 */
@Testcontainers(disabledWithoutDocker = true)
class RegistryOnContainerBrokerTest {

    private static KafkaContainer broker;
    private static ConfigurableApplicationContext service;

    @TempDir
    static java.nio.file.Path dataDir;

    @BeforeAll
    static void start() {
        broker = market.platform.testing.KafkaBroker.newContainer();
        service = new SpringApplicationBuilder(RegistryApplication.class).run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBootstrapServers(),
                "--market.data-dir=" + dataDir, "--market.instance-id=container-test");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void registersAndRemovesADataset() {
        SignedHttp http = new SignedHttp("http://localhost:" + service.getEnvironment().getProperty("local.server.port"));
        Wallet provider = Wallet.create();
        RegistryServiceTestBase.expect(http.post(provider, "/v1/datatypes", RegistryServiceTestBase.datatype("t", "a")), 201);
        long dataId = RegistryServiceTestBase.expect(http.post(provider, "/v1/data",
                RegistryServiceTestBase.begin("t", List.of("x"), new byte[100], 1)), 201).json().get("data_id").longValue();
        RegistryServiceTestBase.expect(RegistryServiceTestBase.endOnceStored(http, provider, dataId, 1,
                RegistryServiceTestBase.end(1, "k")), 200);
        assertThat(RegistryServiceTestBase.expect(http.delete(provider, "/v1/data/" + dataId), 200)
                .json().get("status").intValue()).isEqualTo(2);
    }
}
