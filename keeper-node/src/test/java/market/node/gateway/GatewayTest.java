package market.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import market.node.NodeApplication;
import market.node.store.BlockStore;
import market.platform.content.Car;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.content.UnixFsImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trustless gateway of a real keeper node over HTTP: raw blocks, CARs that a verifying walk
 * turns back into the file, ranges of the file's bytes, and a 4xx with an error body for every bad
 * request.
 */
@SpringBootTest(classes = NodeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayTest {

    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("keeper-node-gateway");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 175 chunks and a bit: a root over two nodes, the second holding two leaves. */
    private static final int BIG = 175 * UnixFsImporter.CHUNK_SIZE + 12_345;

    @LocalServerPort
    int port;

    @Autowired
    BlockStore store;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private byte[] small;
    private byte[] big;
    private Cid smallRoot;
    private Cid bigRoot;
    private Cid leaf;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("market.node.data-dir", DATA::toString);
    }

    @BeforeAll
    void storeTwoFiles() throws IOException {
        SecureRandom random = new SecureRandom();
        small = new byte[3 * UnixFsImporter.CHUNK_SIZE + 77];
        random.nextBytes(small);
        big = new byte[BIG];
        random.nextBytes(big);
        smallRoot = imported(small, null);
        List<Cid> leaves = new ArrayList<>();
        bigRoot = imported(big, leaves);
        leaf = leaves.get(3);
    }

    private Cid imported(byte[] file, List<Cid> leaves) throws IOException {
        try (UnixFsImporter importer = new UnixFsImporter((cid, block) -> {
            store.put(cid, block);
            if (leaves != null && cid.codec() == Cid.RAW) {
                leaves.add(cid);
            }
        })) {
            importer.write(file);
            return importer.finish();
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> head(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesOneBlockAsRaw() throws Exception {
        HttpResponse<byte[]> byAccept = get("/ipfs/" + leaf, "Accept", "application/vnd.ipld.raw");
        HttpResponse<byte[]> byFormat = get("/ipfs/" + leaf + "?format=raw");

        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("application/vnd.ipld.raw");
        assertThat(leaf.matches(byAccept.body())).isTrue();
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
        HttpResponse<byte[]> root = get("/ipfs/" + bigRoot + "?format=raw");
        assertThat(bigRoot.matches(root.body())).isTrue();
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws Exception {
        HttpResponse<byte[]> raw = head("/ipfs/" + leaf, "Accept", "application/vnd.ipld.raw");
        HttpResponse<byte[]> file = head("/ipfs/" + smallRoot);

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValueAsLong("Content-Length")).hasValue(UnixFsImporter.CHUNK_SIZE);
        assertThat(raw.body()).isEmpty();
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(small.length);
        assertThat(file.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void aCarOfTheWholeDagVerifiesBlockByBlockIntoTheFile() throws Exception {
        HttpResponse<byte[]> response = get("/ipfs/" + bigRoot, "Accept", "application/vnd.ipld.car");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.ipld.car").contains("version=1").contains("order=dfs");
        Collected walk = verified(response.body(), 0, Long.MAX_VALUE);
        assertThat(walk.bytes.toByteArray()).isEqualTo(big);
        assertThat(walk.blocks).isEqualTo(175 + 1 + 2 + 1);
    }

    @Test
    void entityBytesSendsOnlyTheBlocksThatProveTheRange() throws Exception {
        long from = 174L * UnixFsImporter.CHUNK_SIZE - 5;
        long to = 174L * UnixFsImporter.CHUNK_SIZE + 5; // inclusive

        HttpResponse<byte[]> response = get("/ipfs/" + bigRoot + "?format=car&dag-scope=entity&entity-bytes="
                + from + ":" + to);

        Collected walk = verified(response.body(), from, to + 1);
        assertThat(walk.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(big, (int) from, (int) to + 1));
        assertThat(walk.blocks).isEqualTo(5);
        HttpResponse<byte[]> tail = get("/ipfs/" + bigRoot + "?format=car&dag-scope=entity&entity-bytes=-10:*");
        assertThat(verified(tail.body(), BIG - 10, BIG).bytes.toByteArray())
                .isEqualTo(Arrays.copyOfRange(big, BIG - 10, BIG));
    }

    @Test
    void dagScopeBlockSendsTheRootAlone() throws Exception {
        HttpResponse<byte[]> response = get("/ipfs/" + bigRoot + "?format=car&dag-scope=block");

        Car.Reader car = new Car.Reader(new ByteArrayInputStream(response.body()));
        Car.Section only = car.next();
        assertThat(only.cid()).isEqualTo(bigRoot);
        assertThat(bigRoot.matches(only.block())).isTrue();
        assertThat(car.next()).isNull();
    }

    @Test
    void servesTheFileBytesAndRanges() throws Exception {
        assertThat(get("/ipfs/" + smallRoot).body()).isEqualTo(small);

        HttpResponse<byte[]> part = get("/ipfs/" + bigRoot, "Range", "bytes=262100-262200");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 262100-262200/" + BIG);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(big, 262100, 262201));
        HttpResponse<byte[]> suffix = get("/ipfs/" + smallRoot, "Range", "bytes=-100");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(small, small.length - 100, small.length));
        HttpResponse<byte[]> open = get("/ipfs/" + smallRoot, "Range", "bytes=100-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(small, 100, small.length));

        HttpResponse<byte[]> outside = get("/ipfs/" + smallRoot, "Range", "bytes=" + small.length + "-");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */" + small.length);
        assertThat(error(outside).get("errorCode").stringValue()).isEqualTo("GATEWAY.RANGE_NOT_SATISFIABLE");
    }

    @Test
    void badRequestsGetAnErrorBody() throws Exception {
        assertError(get("/ipfs/not-a-cid"), 400, "GATEWAY.INVALID_CID");
        assertError(get("/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"), 400, "GATEWAY.INVALID_CID");
        assertError(get("/ipfs/" + Cid.of(Cid.RAW, new byte[] {1, 2, 3})), 404, "GATEWAY.NOT_FOUND");
        assertError(get("/ipfs/" + smallRoot + "?format=tar"), 400, "GATEWAY.UNSUPPORTED_FORMAT");
        assertError(get("/ipfs/" + smallRoot + "?format=car&dag-scope=everything"), 400, "GATEWAY.INVALID_DAG_SCOPE");
        assertError(get("/ipfs/" + smallRoot + "?format=car&entity-bytes=1-2"), 400, "GATEWAY.INVALID_ENTITY_BYTES");
        assertError(get("/ipfs/" + smallRoot + "?format=car&dups=maybe"), 400, "GATEWAY.INVALID_DUPS");
        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/ipfs/" + smallRoot)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isBetween(400, 499);
        assertThat(error(post).get("errorCode").stringValue()).isNotBlank();
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String errorCode) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
        JsonNode body = error(response);
        assertThat(body.get("errorCode").stringValue()).isEqualTo(errorCode);
        assertThat(body.get("errorMsg").stringValue()).isNotBlank();
    }

    private static JsonNode error(HttpResponse<byte[]> response) {
        return JsonMapper.builder().build().readTree(response.body());
    }

    /** Reads a CAR as a client does: each block checked against the CID that links to it. */
    private Collected verified(byte[] car, long from, long to) throws IOException {
        Car.Reader reader = new Car.Reader(new ByteArrayInputStream(car));
        Collected collected = new Collected();
        new DagWalker(reader.inWalkOrder()).walk(reader.roots().get(0), from, to, collected);
        assertThat(reader.next()).isNull();
        return collected;
    }

    private static final class Collected implements DagWalker.Visitor {
        int blocks;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void block(Cid cid, byte[] block) {
            blocks++;
        }

        @Override
        public void bytes(byte[] block, int offset, int length) {
            bytes.write(block, offset, length);
        }
    }
}
