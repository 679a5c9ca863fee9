package market.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ServiceClientTest {

    private static final String NOT_FOUND =
            "{\"errorCode\":\"REGISTRY.DATA_NOT_FOUND\",\"errorMsg\":\"The data does not exist\"}";

    @TempDir
    Path home;

    private Wallet wallet;

    @BeforeEach
    void createWallet() throws Exception {
        wallet = Wallet.create();
        TestWallets.save(wallet, home);
    }

    private CliRun market(FakeService registry, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--home";
        all[1] = home.toString();
        all[2] = "--url";
        all[3] = registry.url();
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.market(all);
    }

    @Test
    void signsARemovalAndPrintsTheErrorBody() throws Exception {
        try (FakeService registry = FakeService.answering(404, NOT_FOUND)) {
            CliRun run = market(registry, "data", "remove", "--id", "7");

            FakeService.Received request = registry.last();
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.pathWithQuery()).isEqualTo("/v1/data/7");
            assertThat(request.body()).isEmpty();
            assertThat(request.header(RequestSignature.ADDRESS_HEADER)).isEqualTo(wallet.address());
            assertThat(request.header(RequestSignature.TIMESTAMP_HEADER)).isNotBlank();
            assertThat(request.header(RequestSignature.NONCE_HEADER)).isNotBlank();
            assertThat(request.header(RequestSignature.SIGNATURE_HEADER)).isNotBlank();
            assertThat(request.signer()).isEqualTo(wallet.address());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("error: The data does not exist (REGISTRY.DATA_NOT_FOUND)");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void signsExactlyTheJsonBodyItSends() throws Exception {
        try (FakeService registry = FakeService.answering(201, "{\"datatype_id\":1,\"datatype_name\":\"weather\"}")) {
            CliRun run = market(registry, "datatype", "add", "--name", "weather", "--field", "city", "--field", "year");

            FakeService.Received request = registry.last();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.pathWithQuery()).isEqualTo("/v1/datatypes");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = request.json();
            assertThat(body.get("datatype_name").stringValue()).isEqualTo("weather");
            assertThat(body.get("detail_fields_num").intValue()).isEqualTo(2);
            assertThat(body.get("detail_fields").toString()).isEqualTo("[\"city\",\"year\"]");
            assertThat(request.signer()).isEqualTo(wallet.address());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("\"datatype_name\" : \"weather\"");
        }
    }

    @Test
    void readsUnsignedAndEncodesTheQueryAndPathSegments() throws Exception {
        try (FakeService registry = FakeService.answering(200, "[]")) {
            CliRun list = market(registry, "data", "list", "--mine", "--type", "air quality", "--status", "0",
                    "--size", "5");
            FakeService.Received listed = registry.last();
            CliRun show = market(registry, "datatype", "show", "air/quality ü");
            FakeService.Received shown = registry.last();

            assertThat(list.exitCode()).isZero();
            assertThat(listed.method()).isEqualTo("GET");
            assertThat(listed.pathWithQuery())
                    .isEqualTo("/v1/data?provider=" + wallet.address() + "&datatype=air%20quality&status=0&size=5");
            assertThat(listed.header(RequestSignature.SIGNATURE_HEADER)).isNull();
            assertThat(show.exitCode()).isZero();
            assertThat(shown.pathWithQuery()).isEqualTo("/v1/datatypes/air%2Fquality%20%C3%BC");
        }
    }

    @Test
    void explainsAnUnreachableRegistry() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        CliRun run = CliRun.market("--home", home.toString(), "--url", url, "data", "show", "--id", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("error: cannot reach " + url + ": is the platform running? (deploy/local/start)");
    }

    @Test
    void reportsAnErrorWithoutAnErrorBodyByItsStatus() throws Exception {
        try (FakeService registry = FakeService.answering(502, "Bad Gateway")) {
            CliRun run = market(registry, "data", "show", "--id", "1");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("error: the registry answered HTTP 502: Bad Gateway");
        }
    }
}
