package market.keeper.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import market.keeper.KeeperApplication;
import market.platform.config.ServiceRuntime;
import market.platform.content.Cid;
import market.platform.crypto.Hashes;
import market.platform.runtime.KafkaClients;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.RegisteredFragment;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * addcluster, addidfs and placement over a real broker: signed HTTP to {@code keeper.commands},
 * the directory's events, and its views; the placement saga played from {@code registry.events};
 * bad input writes no event.
 */
@SpringBootTest(classes = KeeperApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectoryServiceTest {

    private static final AtomicInteger NODE_PORTS = new AtomicInteger(20_000);

    @LocalServerPort
    int port;

    @Autowired
    ServiceRuntime runtime;

    private SignedHttp http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaBroker::bootstrapServers);
        registry.add("market.instance-id", () -> "keeper-test");
    }

    @BeforeEach
    void awaitReady() {
        http = new SignedHttp("http://localhost:" + port);
        Readiness.await(runtime);
    }

    private long addCluster(Wallet owner) {
        String hash = Hashes.sha256Hex(Hashes.utf8("cluster secret " + UUID.randomUUID()));
        JsonNode view = http.post(owner, "/v1/clusters", Map.of("cluster_key_hash", hash)).expect(201).json();
        assertThat(view.get("cluster_key_hash").stringValue()).isEqualTo(hash);
        return view.get("cluster_id").longValue();
    }

    private static Map<String, Object> keeper(Wallet keeper, long clusterId, long capacity) {
        Map<String, Object> body = new HashMap<>();
        body.put("capacity", capacity);
        body.put("cluster_id", clusterId);
        body.put("idfs_public_key", Hashes.toHex0x(keeper.publicKey()));
        body.put("ipaddr", "127.0.0.1");
        body.put("port", NODE_PORTS.incrementAndGet());
        return body;
    }

    private SignedHttp.Response addKeeper(Wallet keeper, long clusterId, long capacity) {
        return http.post(keeper, "/v1/keepers", keeper(keeper, clusterId, capacity));
    }

    @Test
    void aClusterTakesFiveKeepersAndRefusesASixth() {
        long clusterId = addCluster(Wallet.create());
        for (int i = 0; i < 5; i++) {
            Wallet keeper = Wallet.create();
            JsonNode view = addKeeper(keeper, clusterId, 1000).expect(201).json();
            assertThat(view.get("cluster_id").longValue()).isEqualTo(clusterId);
            assertThat(view.get("idfs_account").stringValue()).isEqualTo(keeper.address());
            assertThat(view.get("since").longValue()).isPositive();
        }

        assertRejectedWithoutEvent(409, "KEEPER.CLUSTER_FULL", () -> addKeeper(Wallet.create(), clusterId, 1000));
        JsonNode cluster = http.get("/v1/clusters/" + clusterId).expect(200).json();
        assertThat(cluster.get("capacity").longValue()).isEqualTo(5000);
        assertThat(cluster.get("usage").longValue()).isZero();
        assertThat(cluster.get("keepers")).hasSize(5);
    }

    @Test
    void clusterZeroJoinsTheClusterWithTheMostFreeRoom() {
        long small = addCluster(Wallet.create());
        long large = addCluster(Wallet.create());
        addKeeper(Wallet.create(), small, 4_000_000_000_000_000L).expect(201);
        addKeeper(Wallet.create(), large, 5_000_000_000_000_000L).expect(201);

        JsonNode view = addKeeper(Wallet.create(), 0, 10).expect(201).json();

        assertThat(view.get("cluster_id").longValue()).isEqualTo(large);
    }

    @Test
    void aStartedRegistrationIsPlacedAndARemovalReleasesItsRoom() {
        long clusterId = addCluster(Wallet.create());
        addKeeper(Wallet.create(), clusterId, 10_000).expect(201);
        addKeeper(Wallet.create(), clusterId, 10_000).expect(201);
        long dataId = 1_000_000 + NODE_PORTS.incrementAndGet();
        String provider = Wallet.create().address();

        playRegistry(dataId, new DataRegistrationStarted(dataId, "weather", provider, 20_000L, List.of("Seoul"), 30L,
                "0".repeat(64), 7000L, List.of(new RegisteredFragment(1L, 4000L, "1".repeat(64), clusterId),
                        new RegisteredFragment(2L, 3000L, "2".repeat(64), clusterId)), 10L, 1L, 300L, Instant.now()));

        JsonNode placements = awaitPlacements(dataId);
        assertThat(placements.get("fragments")).hasSize(2);
        assertThat(placements.get("fragments").get(1).get("idfs_cluster_id").longValue()).isEqualTo(clusterId);
        assertThat(http.get("/v1/clusters/" + clusterId).expect(200).json().get("usage").longValue()).isEqualTo(7000);

        playRegistry(dataId, new DataRemoved(dataId, provider, Instant.now()));
        awaitUsage(clusterId, 0);
        http.get("/v1/data/" + dataId + "/placements").expect(404);
    }

    @Test
    void declaredFragmentsAreStoredAtTheSecondReceiptAndAssignedToTheOtherKeepers() {
        long clusterId = addCluster(Wallet.create());
        Wallet first = Wallet.create();
        Wallet second = Wallet.create();
        Wallet third = Wallet.create();
        for (Wallet keeper : List.of(first, second, third)) {
            addKeeper(keeper, clusterId, 10_000).expect(201);
        }
        Wallet provider = Wallet.create();
        long dataId = 2_000_000 + NODE_PORTS.incrementAndGet();
        playRegistry(dataId, new DataRegistrationStarted(dataId, "weather", provider.address(), 20_000L,
                List.of("Seoul"), 30L, "0".repeat(64), 4000L,
                List.of(new RegisteredFragment(1L, 4000L, "1".repeat(64), clusterId)), 10L, 1L, 300L, Instant.now()));
        awaitPlacements(dataId);
        String cid = market.platform.content.UnixFsImporter.cidOf(new byte[4000]).toString();
        SignedHttp.Response storage = awaitStorage(dataId);
        assertThat(storage.json().get("fragments").get(0).get("cid").isNull()).isTrue();

        Map<String, Object> declaration = Map.of("fragments",
                List.of(Map.of("fragment_no", 1, "cid", cid, "size_encrypted", 4056)));
        assertRejectedWithoutEvent(403, "KEEPER.NOT_PROVIDER",
                () -> http.post(first, "/v1/data/" + dataId + "/fragments", declaration));
        http.post(provider, "/v1/data/" + dataId + "/fragments", declaration).expect(200);
        assertThat(http.get("/v1/keepers/" + third.address() + "/assignments").expect(200).json().get("items")
                .findValues("cid").stream().map(JsonNode::stringValue)).contains(cid);

        Map<String, Object> receipt = Map.of("data_id", dataId, "fragment_no", 1, "cid", cid);
        assertRejectedWithoutEvent(403, "KEEPER.NOT_A_KEEPER", () -> http.post(provider, "/v1/receipts", receipt));
        assertRejectedWithoutEvent(409, "KEEPER.CID_MISMATCH", () -> http.post(first, "/v1/receipts",
                Map.of("data_id", dataId, "fragment_no", 1, "cid", Cid.of(Cid.RAW, new byte[1]).toString())));
        JsonNode afterOne = http.post(first, "/v1/receipts", receipt).expect(200).json();
        assertThat(afterOne.get("fragments").get(0).get("stored").booleanValue()).isFalse();
        JsonNode afterTwo = http.post(second, "/v1/receipts", receipt).expect(200).json();
        JsonNode fragment = afterTwo.get("fragments").get(0);
        assertThat(fragment.get("stored").booleanValue()).isTrue();
        assertThat(fragment.get("replicas")).hasSize(2);
        assertThat(fragment.get("replicas").get(0).get("ipaddr").stringValue()).isEqualTo("127.0.0.1");

        JsonNode assigned = http.get("/v1/keepers/" + third.address() + "/assignments").expect(200).json();
        JsonNode mine = java.util.stream.StreamSupport.stream(assigned.get("items").spliterator(), false)
                .filter(item -> item.get("data_id").longValue() == dataId).findFirst().orElseThrow();
        assertThat(mine.get("holders")).hasSize(2);
        assertThat(http.get("/v1/keepers/" + first.address() + "/assignments").expect(200).json().get("items")
                .findValues("data_id").stream().map(JsonNode::longValue)).doesNotContain(dataId);
    }

    private SignedHttp.Response awaitStorage(long dataId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            SignedHttp.Response response = http.get("/v1/data/" + dataId + "/fragments");
            if (response.status() == 200) {
                return response;
            }
            assertThat(System.nanoTime()).as("storage of " + dataId).isLessThan(deadline);
            sleep();
        }
    }

    @Test
    void badRequestsAreRefused() {
        long clusterId = addCluster(Wallet.create());
        Wallet keeper = Wallet.create();
        byte[] body = ("{\"cluster_key_hash\":\"" + "e".repeat(64) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertRejectedWithoutEvent(401, "AUTH.UNSIGNED", () -> http.send("POST", "/v1/clusters", body, null));
        RequestSignature.SignedHeaders mine = keeper.signRequest("POST", "/v1/clusters", body, Clock.systemUTC());
        RequestSignature.SignedHeaders forged = new RequestSignature.SignedHeaders(Wallet.create().address(),
                mine.timestamp(), mine.nonce(), mine.signature());
        assertRejectedWithoutEvent(401, "AUTH.BAD_SIGNATURE", () -> http.send("POST", "/v1/clusters", body, forged));
        http.send("POST", "/v1/clusters", body, mine).expect(201);
        assertRejectedWithoutEvent(401, "AUTH.NONCE_REUSED", () -> http.send("POST", "/v1/clusters", body, mine));
        assertRejectedWithoutEvent(409, "KEEPER.CLUSTER_KEY_HASH_TAKEN",
                () -> http.post(Wallet.create(), "/v1/clusters", Map.of("cluster_key_hash", "e".repeat(64))));
        assertRejectedWithoutEvent(400, "KEEPER.INVALID_CLUSTER_KEY_HASH",
                () -> http.post(keeper, "/v1/clusters", Map.of("cluster_key_hash", "not a hash")));
        assertRejectedWithoutEvent(400, "REQUEST.MALFORMED_JSON",
                () -> http.signed(keeper, "POST", "/v1/keepers", "{\"capacity\":".getBytes(StandardCharsets.UTF_8)));
        assertRejectedWithoutEvent(400, "REQUEST.UNKNOWN_FIELD", () -> http.post(keeper, "/v1/clusters",
                Map.of("cluster_key_hash", "f".repeat(64), "sk", "secret")));
        assertRejectedWithoutEvent(403, "KEEPER.ACCOUNT_NOT_SIGNER", () -> http.post(keeper, "/v1/clusters",
                Map.of("cluster_key_hash", "f".repeat(64), "idfs_account", Wallet.create().address())));

        Map<String, Object> otherKey = keeper(keeper, clusterId, 10);
        otherKey.put("idfs_public_key", Hashes.toHex0x(Wallet.create().publicKey()));
        assertRejectedWithoutEvent(400, "KEEPER.PUBLIC_KEY_MISMATCH", () -> http.post(keeper, "/v1/keepers", otherKey));
        Map<String, Object> notAPoint = keeper(keeper, clusterId, 10);
        notAPoint.put("idfs_public_key", "0x" + HexFormat.of().formatHex(new byte[64]));
        assertRejectedWithoutEvent(400, "KEEPER.PUBLIC_KEY_MISMATCH", () -> http.post(keeper, "/v1/keepers", notAPoint));
        Map<String, Object> badIp = keeper(keeper, clusterId, 10);
        badIp.put("ipaddr", "keeper.example");
        assertRejectedWithoutEvent(400, "KEEPER.INVALID_IPADDR", () -> http.post(keeper, "/v1/keepers", badIp));
        Map<String, Object> badPort = keeper(keeper, clusterId, 10);
        badPort.put("port", 70_000_000_000L);
        assertRejectedWithoutEvent(400, "KEEPER.INVALID_PORT", () -> http.post(keeper, "/v1/keepers", badPort));
        assertRejectedWithoutEvent(400, "KEEPER.INVALID_CAPACITY",
                () -> http.post(keeper, "/v1/keepers", keeper(keeper, clusterId, 0)));
        assertRejectedWithoutEvent(404, "KEEPER.CLUSTER_NOT_FOUND",
                () -> http.post(keeper, "/v1/keepers", keeper(keeper, clusterId + 1, 10)));
        byte[] oversize = ("{\"cluster_key_hash\":\"" + "a".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        SignedHttp.Response tooLarge = http.signed(keeper, "POST", "/v1/clusters", oversize);
        assertThat(tooLarge.status()).isBetween(400, 499);
        assertThat(tooLarge.errorCode()).isNotBlank();

        assertThat(http.get("/v1/keepers/not-an-address").expect(400).errorCode()).isEqualTo("REQUEST.INVALID_PARAMETER");
        assertThat(http.get("/v1/keepers/" + keeper.address()).expect(404).errorCode()).isEqualTo("KEEPER.KEEPER_NOT_FOUND");
        assertThat(http.get("/v1/clusters/-3").expect(400).errorCode()).isEqualTo("REQUEST.INVALID_PARAMETER");
        assertThat(http.get("/v1/data/x/placements").expect(400).errorCode()).isEqualTo("REQUEST.INVALID_PARAMETER");
    }

    /** Plays the registry: appends one of its events to {@code registry.events}, which keeper-service follows. */
    @Test
    void badClaimsAreRefusedWithoutAnEvent() {
        long clusterId = addCluster(Wallet.create());
        Wallet keeper = Wallet.create();
        addKeeper(keeper, clusterId, 10_000).expect(201);
        long dataId = 3_000_000 + NODE_PORTS.incrementAndGet();
        playRegistry(dataId, new DataRegistrationStarted(dataId, "weather", Wallet.create().address(), 20_000L,
                List.of("Seoul"), 30L, "0".repeat(64), 4000L,
                List.of(new RegisteredFragment(1L, 4000L, "1".repeat(64), clusterId)), 10L, 1L, 300L, Instant.now()));
        awaitStorage(dataId);
        String path = "/v1/claims";
        byte[] body = ("{\"data_id\":" + dataId + ",\"storagePeriod\":30}").getBytes(StandardCharsets.UTF_8);

        assertRejectedWithoutEvent(401, "AUTH.UNSIGNED", () -> http.send("POST", path, body, null));
        RequestSignature.SignedHeaders mine = keeper.signRequest("POST", path, body, Clock.systemUTC());
        RequestSignature.SignedHeaders forged = new RequestSignature.SignedHeaders(Wallet.create().address(),
                mine.timestamp(), mine.nonce(), mine.signature());
        assertRejectedWithoutEvent(401, "AUTH.BAD_SIGNATURE", () -> http.send("POST", path, body, forged));
        // a keeper of the cluster before the data is on sale: no reward yet
        assertRejectedWithoutEvent(404, "KEEPER.REWARD_NOT_FOUND", () -> http.send("POST", path, body, mine));
        assertRejectedWithoutEvent(401, "AUTH.NONCE_REUSED", () -> http.send("POST", path, body, mine));
        assertRejectedWithoutEvent(404, "KEEPER.STORAGE_NOT_FOUND",
                () -> http.post(keeper, path, Map.of("data_id", dataId + 1_000_000, "storagePeriod", 30)));
        assertRejectedWithoutEvent(400, "KEEPER.INVALID_STORAGE_PERIOD",
                () -> http.post(keeper, path, Map.of("data_id", dataId, "storagePeriod", 0)));
        assertRejectedWithoutEvent(400, "REQUEST.INVALID_FIELD",
                () -> http.post(keeper, path, Map.of("data_id", 0, "storagePeriod", 30)));
        assertRejectedWithoutEvent(400, "REQUEST.UNKNOWN_FIELD",
                () -> http.post(keeper, path, Map.of("data_id", dataId, "storagePeriod", 30, "sk", "0x01")));
        assertRejectedWithoutEvent(400, "REQUEST.MALFORMED_JSON",
                () -> http.signed(keeper, "POST", path, "{\"data_id\":".getBytes(StandardCharsets.UTF_8)));
        assertThat(http.get("/v1/keepers/" + keeper.address() + "/claims").expect(200).json().get("items")).isEmpty();
        assertThat(http.get("/v1/keepers/" + keeper.address() + "/rewards").expect(200).json().get("items")).isEmpty();
        assertThat(http.get("/v1/data/" + dataId + "/rewards").expect(200).json().get("items")).isEmpty();
        // the list a node drops by is answered in full or not at all
        assertThat(http.get("/v1/keepers/" + keeper.address() + "/fragments").expect(200).json().get("items")).isEmpty();
        assertThat(http.get("/v1/keepers/" + Wallet.create().address() + "/fragments").expect(404).errorCode())
                .isEqualTo("KEEPER.KEEPER_NOT_FOUND");
        assertThat(http.get("/v1/keepers/not-an-address/claims").expect(400).errorCode())
                .isEqualTo("REQUEST.INVALID_PARAMETER");
    }

    private static void playRegistry(long dataId, org.apache.avro.specific.SpecificRecord event) {
        Map<String, Object> config = new KafkaClients(KafkaBroker.bootstrapServers()).producer("registry-stand-in");
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            producer.send(new ProducerRecord<>(Topics.REGISTRY_EVENTS.name(), Long.toString(dataId),
                    SingleObjectCodec.standard().encode(event)));
        }
    }

    private JsonNode awaitPlacements(long dataId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            SignedHttp.Response response = http.get("/v1/data/" + dataId + "/placements");
            if (response.status() == 200) {
                return response.json();
            }
            assertThat(System.nanoTime()).as("placement of " + dataId).isLessThan(deadline);
            sleep();
        }
    }

    private void awaitUsage(long clusterId, long usage) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("/v1/clusters/" + clusterId).expect(200).json().get("usage").longValue() != usage) {
            assertThat(System.nanoTime()).as("usage of cluster " + clusterId).isLessThan(deadline);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRejectedWithoutEvent(int status, String errorCode, Supplier<SignedHttp.Response> request) {
        long before = TopicReader.endOffsetSum(KafkaBroker.bootstrapServers(), Topics.KEEPER_EVENTS.name());
        SignedHttp.Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.body()).isEqualTo(errorCode);
        assertThat(response.errorMsg()).isNotBlank();
        assertThat(TopicReader.endOffsetSum(KafkaBroker.bootstrapServers(), Topics.KEEPER_EVENTS.name()))
                .as("no event for " + errorCode).isEqualTo(before);
    }
}
