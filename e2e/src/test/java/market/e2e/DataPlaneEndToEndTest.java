package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import market.platform.content.Car;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The data plane on real keeper nodes: a registration's fragments are placed on a cluster of
 * three nodes, the provider declares their CIDs and uploads each once, to one node; the other two
 * fetch it from a peer and verify it; each node's signed receipt counts, and any node then serves
 * a CAR that a client verifies block by block and decrypts into the provider's bytes. Uploads that
 * are not exactly what was declared, by the provider, for the node's cluster, store nothing.
 */
class DataPlaneEndToEndTest extends EndToEndTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<MarketPlatform.Node> NODES = new ArrayList<>();
    private static long clusterId;

    @BeforeAll
    static void startACluster() {
        MarketPlatform.Cluster cluster = platform.startCluster("plane-a", "plane-b", "plane-c");
        clusterId = cluster.id();
        NODES.addAll(cluster.nodes());
    }

    /** A fragment as the provider prepares it: plain bytes, key, ciphertext and its CID. */
    private record Sealed(long fragmentNo, byte[] plain, byte[] key, byte[] sealed, Cid cid) {}

    private static Sealed seal(long dataId, long fragmentNo, byte[] plain) {
        byte[] key = AesGcm.newKey();
        byte[] sealed = Flows.seal(key, dataId, fragmentNo, plain);
        return new Sealed(fragmentNo, plain, key, sealed, UnixFsImporter.cidOf(sealed));
    }

    private static byte[] context(long dataId, long fragmentNo) {
        return SegmentedAead.fragmentContext(dataId, fragmentNo);
    }

    /** Registers (adddatabegin) data of the given fragment sizes on the test's cluster; answers its data_id. */
    private static long begin(Wallet provider, List<byte[]> fragments) {
        String type = "plane-" + UUID.randomUUID().toString().substring(0, 8);
        platform.registry().post(provider, "/v1/datatypes", Map.of("datatype_name", type, "detail_fields_num", 0,
                "detail_fields", List.of())).expect(201);
        List<Map<String, Object>> plans = new ArrayList<>();
        long size = 0;
        for (int n = 1; n <= fragments.size(); n++) {
            byte[] plain = fragments.get(n - 1);
            plans.add(Map.of("fragment_no", n, "size", plain.length, "hash_original", Hashes.sha256Hex(plain),
                    "idfs_cluster_id", clusterId));
            size += plain.length;
        }
        Map<String, Object> begin = new LinkedHashMap<>();
        begin.put("datatypename", type);
        begin.put("price", "1.0000 OSB");
        begin.put("detail_fields", List.of());
        begin.put("period", 3);
        begin.put("data_hash_original", Hashes.sha256Hex(UUID.randomUUID().toString().getBytes()));
        begin.put("size", size);
        begin.put("fragments", plans);
        long dataId = platform.registry().post(provider, "/v1/data", begin).expect(201).json().get("data_id").longValue();
        Flows.await("the placement of data " + dataId, () -> {
            SignedHttp.Response response = platform.keeper().get("/v1/data/" + dataId + "/fragments");
            return response.status() == 200 ? response : null;
        });
        return dataId;
    }

    private static void declare(Wallet provider, long dataId, List<Sealed> fragments) {
        List<Map<String, Object>> declared = fragments.stream().map(f -> Map.<String, Object>of("fragment_no",
                f.fragmentNo(), "cid", f.cid().toString(), "size_encrypted", f.sealed().length)).toList();
        platform.keeper().post(provider, "/v1/data/" + dataId + "/fragments", Map.of("fragments", declared)).expect(200);
    }

    private static SignedHttp.Response upload(MarketPlatform.Node node, Wallet signer, long dataId, long fragmentNo,
            Cid cid, byte[] body) {
        return Flows.upload(node, signer, dataId, fragmentNo, cid, body);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Test
    void fragmentsUploadedOnceReachEveryKeeperOfTheClusterAndDecryptFromAnyOfThem() throws Exception {
        Wallet provider = Wallet.create();
        List<byte[]> plains = List.of(random(700_000), random(123_456));
        long dataId = begin(provider, plains);
        List<Sealed> fragments = List.of(seal(dataId, 1, plains.get(0)), seal(dataId, 2, plains.get(1)));
        declare(provider, dataId, fragments);

        for (Sealed fragment : fragments) {
            SignedHttp.Response uploaded = upload(NODES.get(0), provider, dataId, fragment.fragmentNo(), fragment.cid(),
                    fragment.sealed());
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            assertThat(uploaded.json().get("receipt").stringValue()).isEqualTo("accepted");
        }

        JsonNode storage = Flows.await("three replicas of each fragment of data " + dataId, () -> {
            JsonNode view = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json();
            for (JsonNode fragment : view.get("fragments")) {
                if (fragment.get("replicas").size() < 3) {
                    return null;
                }
            }
            return view;
        });
        for (JsonNode fragment : storage.get("fragments")) {
            assertThat(fragment.get("stored").booleanValue()).isTrue();
            assertThat(fragment.get("replicas").findValues("idfs_account").stream().map(JsonNode::stringValue))
                    .containsExactlyInAnyOrderElementsOf(NODES.stream().map(n -> n.wallet().address()).toList());
        }
        for (MarketPlatform.Node node : NODES) {
            for (Sealed fragment : fragments) {
                assertThat(fetchAndDecrypt(node, dataId, fragment)).isEqualTo(fragment.plain());
            }
        }
    }

    @Test
    void uploadsThatAreNotExactlyWhatWasDeclaredStoreNothing() throws Exception {
        Wallet provider = Wallet.create();
        byte[] plain = random(300_000);
        long dataId = begin(provider, List.of(plain));
        Sealed fragment = seal(dataId, 1, plain);
        MarketPlatform.Node node = NODES.get(1);

        assertThat(upload(node, provider, dataId, 1, fragment.cid(), fragment.sealed()).errorCode())
                .isEqualTo("NODE.CID_NOT_DECLARED");
        declare(provider, dataId, List.of(fragment));

        byte[] tampered = fragment.sealed().clone();
        tampered[1000] ^= 1;
        assertRefused(node, 400, "NODE.CID_MISMATCH", upload(node, provider, dataId, 1, fragment.cid(), tampered),
                fragment.cid());
        byte[] longer = java.util.Arrays.copyOf(fragment.sealed(), fragment.sealed().length + 1);
        assertRefused(node, 413, "NODE.BODY_TOO_LARGE", upload(node, provider, dataId, 1, fragment.cid(), longer),
                fragment.cid());
        assertRefused(node, 403, "NODE.NOT_PROVIDER", upload(node, Wallet.create(), dataId, 1, fragment.cid(),
                fragment.sealed()), fragment.cid());
        String path = "/v1/fragments/" + fragment.cid() + "?data_id=" + dataId + "&fragment_no=1";
        RequestSignature.SignedHeaders mine = provider.signHashedRequest("POST", path,
                Hashes.sha256Hex(fragment.sealed()), Clock.systemUTC());
        RequestSignature.SignedHeaders forged = new RequestSignature.SignedHeaders(provider.address(),
                mine.timestamp(), mine.nonce(), Wallet.create().signHashedRequest("POST", path,
                        Hashes.sha256Hex(fragment.sealed()), Clock.systemUTC()).signature());
        assertRefused(node, 401, "AUTH.BAD_SIGNATURE", new SignedHttp(node.url()).send("POST", path,
                fragment.sealed(), forged), fragment.cid());
        assertRefused(node, 401, "AUTH.UNSIGNED", new SignedHttp(node.url()).send("POST", path, fragment.sealed(),
                null), fragment.cid());
        assertRefused(node, 404, "NODE.FRAGMENT_NOT_FOUND", upload(node, provider, dataId, 2, fragment.cid(),
                fragment.sealed()), fragment.cid());
        assertRefused(node, 400, "NODE.INVALID_CID", new SignedHttp(node.url()).send("POST",
                "/v1/fragments/not-a-cid?data_id=" + dataId + "&fragment_no=1", fragment.sealed(), null), fragment.cid());
        assertThat(platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json().get("fragments").get(0)
                .get("replicas")).isEmpty();

        SignedHttp.Response accepted = upload(node, provider, dataId, 1, fragment.cid(), fragment.sealed());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        // the same upload again, even replayed as signed, changes nothing: the node holds the fragment
        SignedHttp.Response replayed = new SignedHttp(node.url()).send("POST", path, fragment.sealed(), mine);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("receipt").stringValue()).isEqualTo("already held");
    }

    private static void assertRefused(MarketPlatform.Node node, int status, String errorCode,
            SignedHttp.Response response, Cid cid) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(errorCode);
        assertThat(response.errorMsg()).isNotBlank();
        assertThat(new SignedHttp(node.url()).get("/ipfs/" + cid + "?format=raw").status()).isEqualTo(404);
    }

    /** What a buyer does with one fragment: fetch its CAR, check every block, decrypt, check the plain hash. */
    private static byte[] fetchAndDecrypt(MarketPlatform.Node node, long dataId, Sealed fragment) throws Exception {
        java.net.http.HttpResponse<InputStream> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url() + "/ipfs/" + fragment.cid()))
                        .header("Accept", "application/vnd.ipld.car").build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (InputStream body = response.body()) {
            Car.Reader car = new Car.Reader(body);
            new DagWalker(car.inWalkOrder()).walk(fragment.cid(), new DagWalker.Visitor() {
                @Override
                public void block(Cid cid, byte[] block) {}

                @Override
                public void bytes(byte[] block, int offset, int length) {
                    sealed.write(block, offset, length);
                }
            });
        }
        try (InputStream plain = SegmentedAead.decrypting(fragment.key(), context(dataId, fragment.fragmentNo()),
                new ByteArrayInputStream(sealed.toByteArray()))) {
            byte[] bytes = plain.readAllBytes();
            assertThat(Hashes.sha256Hex(bytes)).isEqualTo(Hashes.sha256Hex(fragment.plain()));
            return bytes;
        }
    }
}
