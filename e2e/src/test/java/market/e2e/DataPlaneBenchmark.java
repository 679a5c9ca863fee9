package market.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import market.platform.crypto.Hashes;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Upload and download through a keeper node, beside a plain loopback HTTP transfer of the same
 * bytes in the same run (the JDK's HTTP server and client, no checks). The node's upload includes
 * streaming to disk, the SHA-256 and CID check, storing the blocks and the receipt; its download
 * is a CAR that the client checks block by block. Then it times audits of the stored replica. Prints
 * MB/s, the ratios and the audit times; asserts nothing about time. Run it with
 * {@code mvn -B -pl e2e test -Dgroups=benchmark -DexcludedGroups= -Dtest=DataPlaneBenchmark}
 * ({@code -Dbench.mib=64} in {@code -DargLine=...} sets the fragment size, {@code -Dbench.rounds=3}
 * the repetitions).
 */
@Tag("benchmark")
class DataPlaneBenchmark extends EndToEndTest {

    private static final int MIB = Integer.getInteger("bench.mib", 64);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void uploadAndDownloadThroughAKeeperNodeAgainstPlainHttp() throws Exception {
        Path file = Files.createTempFile("bench", ".enc");
        byte[] chunk = new byte[1 << 20];
        SecureRandom random = new SecureRandom();
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < MIB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        long size = Files.size(file);
        String sha = Hashes.sha256Hex(file);
        Cid cid = cidOf(file);
        MarketPlatform.Node node = platform.storageNodes().get(0);
        HttpServer plain = plainServer(file);
        try {
            List<double[]> rows = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                double plainUp = seconds(() -> postFile("http://127.0.0.1:" + plain.getAddress().getPort() + "/up",
                        file, null));
                long dataId = placedData(size);
                double nodeUp = seconds(() -> upload(node, dataId, cid, file, sha));
                double plainDown = seconds(() -> drain("http://127.0.0.1:" + plain.getAddress().getPort() + "/down"));
                double nodeDown = seconds(() -> verifiedCar(node, cid));
                rows.add(new double[] {mbps(size, plainUp), mbps(size, nodeUp), mbps(size, plainDown),
                    mbps(size, nodeDown)});
                System.out.printf("round %d: upload plain %.0f MB/s, node %.0f MB/s; download plain %.0f MB/s, "
                        + "node CAR verified %.0f MB/s%n", round, rows.get(round - 1)[0], rows.get(round - 1)[1],
                        rows.get(round - 1)[2], rows.get(round - 1)[3]);
            }
            double[] best = new double[4];
            for (double[] row : rows) {
                for (int i = 0; i < 4; i++) {
                    best[i] = Math.max(best[i], row[i]);
                }
            }
            System.out.printf("%d MiB fragment, best of %d: upload %.0f MB/s through the node vs %.0f MB/s plain "
                    + "(%.2f of plain); download %.0f MB/s vs %.0f MB/s plain (%.2f of plain)%n", MIB, ROUNDS,
                    best[1], best[0], best[1] / best[0], best[3], best[2], best[3] / best[2]);
            audits(node, cid, size);
        } finally {
            plain.stop(0);
            Files.deleteIfExists(file);
        }
    }

    /**
     * Audit time per replica: what the auditor does for each replica, the entity-bytes CAR of a
     * 1 KiB range at a random offset asked of the node and walked from the CID down to the leaf,
     * {@code bench.audits} times (200). The RecordAudit command that follows is one more command
     * on keeper.commands, not counted here.
     */
    private static void audits(MarketPlatform.Node node, Cid cid, long size) throws Exception {
        int count = Integer.getInteger("bench.audits", 200);
        market.platform.content.GatewayClient gateway = new market.platform.content.GatewayClient(
                java.time.Duration.ofSeconds(10));
        SecureRandom random = new SecureRandom();
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long from = Math.floorMod(random.nextLong(), size);
            long to = Math.min(size, from + 1024);
            long started = System.nanoTime();
            long covered = gateway.provenBytes(node.url(), cid, from, to);
            nanos[i] = System.nanoTime() - started;
            if (covered != to - from) {
                throw new AssertionError("the audit's blocks cover " + covered + " of " + (to - from) + " bytes");
            }
        }
        java.util.Arrays.sort(nanos);
        double mean = java.util.Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf("audit of one replica (1 KiB entity-bytes CAR of a %d MiB fragment, verified), %d audits: "
                + "mean %.2f ms, p50 %.2f ms, p99 %.2f ms, so %.0f replicas a second on one thread%n", MIB, count,
                mean, nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6, 1000 / mean);
    }

    /** A registration of one fragment of {@code size} encrypted bytes, placed and declared, ready for upload. */
    private long placedData(long size) {
        Wallet provider = providerWallet;
        String type = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        platform.registry().post(provider, "/v1/datatypes", Map.of("datatype_name", type, "detail_fields_num", 0,
                "detail_fields", List.of())).expect(201);
        long plain = size; // segmented encryption makes more than this of it, so the upload fits the declaration
        Map<String, Object> begin = new LinkedHashMap<>();
        begin.put("datatypename", type);
        begin.put("price", "1.0000 OSB");
        begin.put("detail_fields", List.of());
        begin.put("period", 1);
        begin.put("data_hash_original", Hashes.sha256Hex(UUID.randomUUID().toString().getBytes()));
        begin.put("size", plain);
        begin.put("fragments", List.of(Map.of("fragment_no", 1, "size", plain, "hash_original",
                Hashes.sha256Hex(new byte[0]), "idfs_cluster_id", platform.storageCluster())));
        long dataId = platform.registry().post(provider, "/v1/data", begin).expect(201).json().get("data_id").longValue();
        Flows.await("the placement of data " + dataId, () -> {
            SignedHttp.Response response = platform.keeper().get("/v1/data/" + dataId + "/fragments");
            return response.status() == 200 ? response : null;
        });
        return dataId;
    }

    private final Wallet providerWallet = Wallet.create();

    private void upload(MarketPlatform.Node node, long dataId, Cid cid, Path file, String sha) throws Exception {
        platform.keeper().post(providerWallet, "/v1/data/" + dataId + "/fragments", Map.of("fragments",
                List.of(Map.of("fragment_no", 1, "cid", cid.toString(), "size_encrypted", Files.size(file)))))
                .expect(200);
        String path = "/v1/fragments/" + cid + "?data_id=" + dataId + "&fragment_no=1";
        RequestSignature.SignedHeaders headers = providerWallet.signHashedRequest("POST", path, sha, Clock.systemUTC());
        int status = postFile(node.url() + path, file, headers);
        if (status != 201 && status != 200) {
            throw new AssertionError("upload answered " + status);
        }
    }

    private int postFile(String url, Path file, RequestSignature.SignedHeaders headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofFile(file));
        if (headers != null) {
            headers.addTo(request);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void drain(String url) throws Exception {
        try (InputStream in = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private void verifiedCar(MarketPlatform.Node node, Cid cid) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/ipfs/" + cid))
                .header("Accept", "application/vnd.ipld.car").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            Car.Reader car = new Car.Reader(body);
            new DagWalker(car.inWalkOrder()).walk(cid, (c, block) -> {});
        }
    }

    /** A loopback server that takes an upload (read and dropped) and serves the same bytes. */
    private static HttpServer plainServer(Path file) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (var out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static double seconds(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double mbps(long bytes, double seconds) {
        return bytes / 1e6 / seconds;
    }

    private static Cid cidOf(Path file) throws Exception {
        try (UnixFsImporter importer = new UnixFsImporter(market.platform.content.BlockSink.DISCARD);
                InputStream in = Files.newInputStream(file)) {
            in.transferTo(importer);
            return importer.finish();
        }
    }
}
