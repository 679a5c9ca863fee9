package market.cli;

import static market.cli.FakeService.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.SegmentedAead;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DataCommandsTest {

    @TempDir
    Path home;

    private Path file;
    private byte[] content;

    @BeforeEach
    void createWalletAndFile() throws Exception {
        TestWallets.save(Wallet.create(), home);
        content = new byte[1000];
        new Random(7).nextBytes(content);
        file = home.resolve("weather.csv");
        Files.write(file, content);
    }

    private CliRun begin(FakeService registry) {
        return CliRun.market("--home", home.toString(), "--url", registry.url(), "data", "begin", "--type", "weather",
                "--price", "2 OSB", "--period", "30", "--detail", "seoul", "--detail", "2024", "--file",
                file.toString(), "--fragments", "3");
    }

    /**
     * Plays keeper-service and the one keeper node of cluster 7 on the same stand-in: the fragments
     * are placed, the declaration is taken, the node takes every upload (the stand-in's default
     * answer), and then every fragment is stored.
     */
    private static void playKeepers(FakeService fake) {
        String fragments = "[{\"fragment_no\":1,\"idfs_cluster_id\":7,\"replicas\":[],\"stored\":%s},"
                + "{\"fragment_no\":2,\"idfs_cluster_id\":7,\"replicas\":[],\"stored\":%s},"
                + "{\"fragment_no\":3,\"idfs_cluster_id\":7,\"replicas\":[],\"stored\":%s}]";
        String placed = "{\"data_id\":42,\"open\":true,\"fragments\":" + fragments.formatted(false, false, false) + "}";
        String stored = "{\"data_id\":42,\"open\":true,\"fragments\":" + fragments.formatted(true, true, true) + "}";
        fake.on("GET", "/v1/data/42/fragments", reply(200, placed), reply(200, stored));
        fake.on("POST", "/v1/data/42/fragments", reply(200, placed));
        int port = java.net.URI.create(fake.url()).getPort();
        fake.on("GET", "/v1/clusters/7", reply(200, "{\"cluster_id\":7,\"keepers\":[{\"ipaddr\":\"127.0.0.1\","
                + "\"port\":" + port + "}]}"));
    }

    private CliRun end(FakeService fake, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("--home", home.toString(), "--url", fake.url(),
                "--keeper-url", fake.url(), "data", "end", "--id", "42"));
        args.addAll(List.of(more));
        return CliRun.market(args.toArray(String[]::new));
    }

    @Test
    void beginSendsHashesAndSizesAndKeepsTheSealedFragmentsAndKeysLocally() throws Exception {
        try (FakeService registry = FakeService.answering(201, "{\"data_id\":42,\"status\":1}")) {
            CliRun run = begin(registry);

            assertThat(run.err()).contains("hashing", "encrypting fragment 3/3");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("\"data_id\" : 42").endsWith("next: market data end --id 42\n");
            JsonNode body = registry.last().json();
            assertThat(registry.last().pathWithQuery()).isEqualTo("/v1/data");
            assertThat(body.get("datatypename").stringValue()).isEqualTo("weather");
            assertThat(body.get("price").stringValue()).isEqualTo("2.0000 OSB");
            assertThat(body.get("detail_fields").toString()).isEqualTo("[\"seoul\",\"2024\"]");
            assertThat(body.get("period").intValue()).isEqualTo(30);
            assertThat(body.get("data_hash_original").stringValue()).isEqualTo(Hashes.sha256Hex(content));
            assertThat(body.get("size").longValue()).isEqualTo(1000);
            assertThat(body.get("fragments").toString()).doesNotContain("encrypt_key", "cid");
            assertThat(body.get("fragments").valueStream().map(f -> f.get("size").longValue()))
                    .containsExactly(334L, 333L, 333L);
            assertThat(body.get("fragments").get(2).get("fragment_no").intValue()).isEqualTo(3);
            assertThat(body.get("fragments").get(2).get("idfs_cluster_id").longValue()).isZero();

            Path folder = home.resolve("datasets/42");
            assertThat(folder.resolve("fragment-1.enc")).exists();
            assertThat(folder.resolve("fragment-3.enc")).exists();
            assertThat(Files.list(home.resolve("datasets")).map(p -> p.getFileName().toString())).containsExactly("42");
            Path properties = folder.resolve(LocalRegistration.FILE);
            if (Files.getFileStore(properties).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)))
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void endSendsTheKeysThatOpenTheSealedFragmentsButNeverPrintsThem() throws Exception {
        try (FakeService registry = FakeService.answering(201, "{\"data_id\":42,\"status\":1}")) {
            CliRun begin = begin(registry);
            List<LocalRegistration.Secret> secrets = new LocalRegistration(home.resolve("datasets")).load(42);
            String echoedKey = secrets.get(0).encryptKey();
            registry.answer(200, "{\"data_id\":42,\"status\":0,\"fragments\":[{\"fragment_no\":1,\"encrypt_key\":\""
                    + echoedKey + "\"}]}");
            playKeepers(registry);

            CliRun end = end(registry);

            assertThat(end.exitCode()).as(end.err()).isZero();
            List<FakeService.Received> uploads = registry.received().stream()
                    .filter(r -> r.pathWithQuery().startsWith("/v1/fragments/")).toList();
            assertThat(uploads).hasSize(3);
            for (FakeService.Received upload : uploads) {
                int no = Integer.parseInt(upload.pathWithQuery().replaceFirst(".*fragment_no=", ""));
                byte[] sealed = Files.readAllBytes(home.resolve("datasets/42/fragment-" + no + ".enc"));
                assertThat(upload.body()).isEqualTo(sealed);
                assertThat(upload.pathWithQuery()).startsWith("/v1/fragments/" + UnixFsImporter.cidOf(sealed)
                        + "?data_id=42&fragment_no=");
            }
            JsonNode declared = registry.received("POST", "/v1/data/42/fragments").get(0).json().get("fragments");
            assertThat(declared.get(0).get("size_encrypted").longValue())
                    .isEqualTo(Files.size(home.resolve("datasets/42/fragment-1.enc")));
            FakeService.Received endRequest = registry.received("POST", "/v1/data/42/end").get(0);
            JsonNode fragments = endRequest.json().get("fragments");
            assertThat(fragments.size()).isEqualTo(3);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (JsonNode f : fragments) {
                int no = f.get("fragment_no").intValue();
                byte[] sealed = Files.readAllBytes(home.resolve("datasets/42/fragment-" + no + ".enc"));
                assertThat(f.get("cid").stringValue()).isEqualTo(UnixFsImporter.cidOf(sealed).toString());
                assertThat(f.get("hash_encrypted").stringValue()).isEqualTo(Hashes.sha256Hex(sealed));
                byte[] key = HexFormat.of().parseHex(f.get("encrypt_key").stringValue());
                try (java.io.InputStream in = SegmentedAead.decrypting(key, SegmentedAead.fragmentContext(42, no),
                        new java.io.ByteArrayInputStream(sealed))) {
                    joined.writeBytes(in.readAllBytes());
                }
            }
            assertThat(joined.toByteArray()).isEqualTo(content);
            for (LocalRegistration.Secret secret : secrets) {
                assertThat(begin.out() + begin.err() + end.out() + end.err()).doesNotContain(secret.encryptKey());
            }
            assertThat(end.out()).contains("\"encrypt_key\" : \"" + Json.HIDDEN + "\"");
        }
    }

    @Test
    void endWaitsUntilSettlementHasChargedTheStorageFee() throws Exception {
        try (FakeService registry = FakeService.answering(201, "{\"data_id\":42,\"status\":1}")) {
            begin(registry);
            registry.on("POST", "/v1/data/42/end", reply(200, "{\"data_id\":42,\"status\":1,\"fee_pending\":true}"));
            registry.on("GET", "/v1/data/42", reply(200, "{\"data_id\":42,\"status\":1,\"fee_pending\":true}"),
                    reply(200, "{\"data_id\":42,\"status\":0,\"status_name\":\"ON_SALE\",\"fee_pending\":false}"));
            playKeepers(registry);

            CliRun end = end(registry);

            assertThat(end.err()).doesNotContain("error");
            assertThat(end.exitCode()).isZero();
            assertThat(registry.received("GET", "/v1/data/42")).hasSize(2);
            assertThat(end.out()).contains("\"status\" : 0", "\"fee_pending\" : false");
        }
    }

    @Test
    void endFailsWhenTheRegistrationFailedForTheStorageFee() throws Exception {
        try (FakeService registry = FakeService.answering(201, "{\"data_id\":42,\"status\":1}")) {
            begin(registry);
            registry.on("POST", "/v1/data/42/end", reply(200, "{\"data_id\":42,\"status\":1,\"fee_pending\":true}"));
            registry.on("GET", "/v1/data/42", reply(200, "{\"data_id\":42,\"status\":4,\"status_name\":"
                    + "\"REGISTRATION_FAILED\",\"fee_pending\":false,\"failure_reason\":\"insufficient funds\"}"));
            playKeepers(registry);

            CliRun end = end(registry);

            assertThat(end.exitCode()).isEqualTo(1);
            assertThat(end.out()).contains("\"status\" : 4");
            assertThat(end.err().strip()).endsWith("error: registration of data 42 failed: insufficient funds");
        }
    }

    @Test
    void endWithoutWaitingShowsTheFeeStillPending() throws Exception {
        try (FakeService registry = FakeService.answering(201, "{\"data_id\":42,\"status\":1}")) {
            begin(registry);
            registry.on("POST", "/v1/data/42/end", reply(200, "{\"data_id\":42,\"status\":1,\"fee_pending\":true}"));
            playKeepers(registry);
            registry.on("GET", "/v1/data/42/fragments", reply(200, "{\"data_id\":42,\"open\":true,\"fragments\":["
                    + "{\"fragment_no\":1,\"idfs_cluster_id\":7,\"replicas\":[{}],\"stored\":true},"
                    + "{\"fragment_no\":2,\"idfs_cluster_id\":7,\"replicas\":[{}],\"stored\":true},"
                    + "{\"fragment_no\":3,\"idfs_cluster_id\":7,\"replicas\":[{}],\"stored\":true}]}"));

            CliRun end = end(registry, "--wait", "0");

            assertThat(end.exitCode()).isZero();
            assertThat(registry.received("GET", "/v1/data/42")).isEmpty();
            assertThat(end.out()).contains("\"fee_pending\" : true");
            assertThat(end.err()).contains("the storage fee of data 42 is still pending");
        }
    }

    @Test
    void aRefusedBeginLeavesNoLocalFiles() throws Exception {
        String error = "{\"errorCode\":\"REGISTRY.DATATYPE_NOT_FOUND\",\"errorMsg\":\"The data type does not exist\"}";
        try (FakeService registry = FakeService.answering(400, error)) {
            CliRun run = begin(registry);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip())
                    .endsWith("error: The data type does not exist (REGISTRY.DATATYPE_NOT_FOUND)");
            assertThat(Files.list(home.resolve("datasets"))).isEmpty();
        }
    }

    @Test
    void endWithoutALocalRegistrationSaysWhereItLooked() throws Exception {
        try (FakeService registry = FakeService.answering(200, "{}")) {
            CliRun run = CliRun.market("--home", home.toString(), "--url", registry.url(), "data", "end", "--id", "9");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: no " + home.resolve("datasets/9/registration.properties"));
            assertThat(registry.received()).isEmpty();
        }
    }

    @Test
    void aFileSmallerThanTheFragmentsIsRefusedBeforeAnyRequest() throws Exception {
        Files.write(file, new byte[2]);
        try (FakeService registry = FakeService.answering(201, "{\"data_id\":1}")) {
            CliRun run = begin(registry);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("fewer than the 3 fragments");
            assertThat(registry.received()).isEmpty();
        }
    }
}
