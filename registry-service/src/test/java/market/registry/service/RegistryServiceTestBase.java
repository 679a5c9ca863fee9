package market.registry.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import market.platform.config.ServiceRuntime;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.registry.RegistryApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One registry-service on a real Kafka broker (see {@link KafkaBroker}), shared by the service
 * tests, with helpers that build and send signed requests.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RegistryServiceTestBase {

    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    int port;

    @Autowired
    ServiceRuntime runtime;

    SignedHttp http;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaBroker::bootstrapServers);
        registry.add("market.data-dir", DATA_DIR::toString);
        registry.add("market.instance-id", () -> "service-test");
    }

    @BeforeEach
    void awaitReady() {
        http = new SignedHttp("http://localhost:" + port);
        Readiness.await(runtime);
    }

    /** The service's data folder, where its custody key lives. */
    static Path dataDir() {
        return DATA_DIR;
    }

    static String bootstrapServers() {
        return KafkaBroker.bootstrapServers();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> datatype(String name, String... fields) {
        return Map.of("datatype_name", name, "detail_fields_num", fields.length, "detail_fields", List.of(fields));
    }

    /** An adddatabegin body for real content split into {@code fragments} parts. */
    static Map<String, Object> begin(String datatype, List<String> details, byte[] content, int fragments) {
        int part = content.length / fragments;
        List<Map<String, Object>> plans = IntStream.range(0, fragments).mapToObj(i -> {
            int from = i * part;
            int to = i == fragments - 1 ? content.length : from + part;
            byte[] slice = java.util.Arrays.copyOfRange(content, from, to);
            return Map.<String, Object>of("fragment_no", i + 1, "size", slice.length,
                    "hash_original", Hashes.sha256Hex(slice), "idfs_cluster_id", 1);
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("datatypename", datatype);
        body.put("price", "2.0000 OSB");
        body.put("detail_fields", details);
        body.put("period", 30);
        body.put("data_hash_original", Hashes.sha256Hex(content));
        body.put("size", content.length);
        body.put("fragments", plans);
        return body;
    }

    /** An adddataend body with one key per fragment. */
    static Map<String, Object> end(int fragments, String keyPrefix) {
        return Map.of("fragments", IntStream.rangeClosed(1, fragments).mapToObj(n -> Map.<String, Object>of(
                "fragment_no", n, "cid", cid(n), "hash_encrypted", Hashes.sha256Hex(new byte[] {(byte) n}),
                "encrypt_key", keyPrefix + n)).toList());
    }

    /** The CID of fragment {@code n} in these tests: the CID of the one byte {@code n}. */
    static String cid(int n) {
        return market.platform.content.UnixFsImporter.cidOf(new byte[] {(byte) n}).toString();
    }

    /**
     * Plays keeper-service for a registry on its own: appends {@code FragmentStored} for each
     * fragment (with {@link #cid}) to {@code keeper.events}, as keeper-service does once enough
     * keepers hold it; then sends adddataend, again while the registry has not seen them yet. The
     * real keepers run in the end-to-end tests.
     */
    static SignedHttp.Response endOnceStored(SignedHttp http, Wallet provider, long dataId, int fragments,
            Map<String, Object> body) {
        Map<String, Object> config = new market.platform.runtime.KafkaClients(bootstrapServers()).producer("keeper-stand-in");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(config)) {
            for (int n = 1; n <= fragments; n++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        market.schemas.Topics.KEEPER_EVENTS.name(), Long.toString(dataId), market.schemas.SingleObjectCodec
                                .standard().encode(new market.keeper.event.FragmentStored(dataId, (long) n, cid(n), 2,
                                        java.time.Instant.now()))));
            }
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            SignedHttp.Response response = http.post(provider, "/v1/data/" + dataId + "/end", body);
            if (!"REGISTRY.FRAGMENTS_NOT_STORED".equals(response.errorCode()) || System.nanoTime() > deadline) {
                return response;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** Defines a fresh data type and registers a dataset through both phases; answers its data_id. */
    long registeredDataset(Wallet provider) {
        String type = uniqueName("type");
        expect(http.post(provider, "/v1/datatypes", datatype(type, "city")), 201);
        long dataId = expect(http.post(provider, "/v1/data", begin(type, List.of("Seoul"), new byte[4096], 2)), 201)
                .json().get("data_id").longValue();
        expect(endOnceStored(http, provider, dataId, 2, end(2, "key-" + UUID.randomUUID() + "-")), 200);
        chargeFee(provider.address(), dataId);
        awaitStatus(http, dataId, 0);
        return dataId;
    }

    /**
     * Plays settlement for a registry on its own: appends {@code FeeDebited} for the data to
     * {@code settlement.events}, as settlement does once it has charged the storage fee. The
     * registry's reaction then puts the data on sale. The full saga with settlement itself runs
     * in the end-to-end tests.
     */
    static void chargeFee(String provider, long dataId) {
        Map<String, Object> config = new market.platform.runtime.KafkaClients(bootstrapServers()).producer("settlement-stand-in");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(config)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    market.schemas.Topics.SETTLEMENT_EVENTS.name(), provider, market.schemas.SingleObjectCodec
                            .standard().encode(new market.settlement.event.FeeDebited(provider, dataId, 1L,
                                    java.time.Instant.now()))));
        }
    }

    /** Polls the dataset view until its status is {@code status}; answers the view. */
    static tools.jackson.databind.JsonNode awaitStatus(SignedHttp http, long dataId, int status) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            tools.jackson.databind.JsonNode view = expect(http.get("/v1/data/" + dataId), 200).json();
            if (view.get("status").intValue() == status) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("data " + dataId + " did not reach status " + status + ": " + view);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static SignedHttp.Response expect(SignedHttp.Response response, int status) {
        return response.expect(status);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("registry-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
