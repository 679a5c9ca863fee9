package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.schemas.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every bad request gets a 4xx with {@code {"errorCode","errorMsg"}}, and none of them writes
 * an event.
 */
class BadInputTest extends RegistryServiceTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Wallet wallet = Wallet.create();

    private void rejected(int status, String errorCode, Supplier<SignedHttp.Response> request) {
        long before = TopicReader.endOffsetSum(bootstrapServers(), Topics.REGISTRY_EVENTS.name());
        SignedHttp.Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.body()).isEqualTo(errorCode);
        assertThat(response.errorMsg()).as(response.body()).isNotBlank();
        assertThat(TopicReader.endOffsetSum(bootstrapServers(), Topics.REGISTRY_EVENTS.name()))
                .as("no event written for " + errorCode).isEqualTo(before);
    }

    private SignedHttp.Response postRaw(String path, String body) {
        return http.signed(wallet, "POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedJson() {
        rejected(400, "REQUEST.MALFORMED_JSON", () -> postRaw("/v1/datatypes", "{\"datatype_name\": "));
        rejected(400, "REQUEST.MALFORMED_JSON", () -> postRaw("/v1/datatypes", "[1, 2]"));
        rejected(400, "REQUEST.MALFORMED_JSON", () -> postRaw("/v1/datatypes", ""));
        rejected(400, "REQUEST.MALFORMED_JSON",
                () -> postRaw("/v1/datatypes", "{\"datatype_name\":\"a\",\"datatype_name\":\"b\"}"));
    }

    @Test
    void missingFields() {
        rejected(400, "REQUEST.MISSING_FIELD", () -> http.post(wallet, "/v1/datatypes",
                Map.of("datatype_name", "x", "detail_fields_num", 0)));
        rejected(400, "REQUEST.MISSING_FIELD", () -> http.post(wallet, "/v1/data", Map.of("datatypename", "x")));
        rejected(400, "REQUEST.MISSING_FIELD", () -> http.post(wallet, "/v1/data/1/end",
                Map.of("fragments", List.of(Map.of("fragment_no", 1)))));
    }

    @Test
    void mistypedFields() {
        rejected(400, "REQUEST.INVALID_FIELD", () -> http.post(wallet, "/v1/datatypes",
                Map.of("datatype_name", "x", "detail_fields_num", "1", "detail_fields", List.of("a"))));
        rejected(400, "REQUEST.INVALID_FIELD", () -> http.post(wallet, "/v1/datatypes",
                Map.of("datatype_name", 5, "detail_fields_num", 1, "detail_fields", List.of("a"))));
        rejected(400, "REQUEST.INVALID_FIELD", () -> http.post(wallet, "/v1/datatypes",
                Map.of("datatype_name", "x", "detail_fields_num", 1.5, "detail_fields", List.of("a"))));
        rejected(400, "REQUEST.INVALID_FIELD", () -> http.post(wallet, "/v1/datatypes",
                Map.of("datatype_name", "x", "detail_fields_num", 1, "detail_fields", List.of(1))));
        Map<String, Object> begin = new java.util.HashMap<>(begin("x", List.of(), new byte[8], 1));
        begin.put("price", "two OSB");
        rejected(400, "REQUEST.INVALID_FIELD", () -> http.post(wallet, "/v1/data", begin));
        begin.put("price", 20000);
        rejected(400, "REQUEST.INVALID_FIELD", () -> http.post(wallet, "/v1/data", begin));
    }

    @Test
    void unknownFields() {
        rejected(400, "REQUEST.UNKNOWN_FIELD", () -> http.post(wallet, "/v1/datatypes",
                Map.of("datatype_name", "x", "detail_fields_num", 0, "detail_fields", List.of(), "sk", "secret")));
    }

    @Test
    void unsignedRequests() {
        byte[] body = JSON.writeValueAsBytes(datatype(uniqueName("t"), "a"));
        rejected(401, "AUTH.UNSIGNED", () -> http.send("POST", "/v1/datatypes", body, null));
        rejected(401, "AUTH.UNSIGNED", () -> http.send("DELETE", "/v1/data/1", new byte[0], null));
    }

    @Test
    void forgedSignatures() {
        byte[] body = JSON.writeValueAsBytes(datatype(uniqueName("t"), "a"));
        Wallet victim = Wallet.create();
        RequestSignature.SignedHeaders mine = wallet.signRequest("POST", "/v1/datatypes", body, Clock.systemUTC());
        RequestSignature.SignedHeaders claimed = new RequestSignature.SignedHeaders(victim.address(), mine.timestamp(),
                mine.nonce(), mine.signature());
        rejected(401, "AUTH.BAD_SIGNATURE", () -> http.send("POST", "/v1/datatypes", body, claimed));
        RequestSignature.SignedHeaders other = wallet.signRequest("POST", "/v1/datatypes", body, Clock.systemUTC());
        byte[] tampered = JSON.writeValueAsBytes(datatype(uniqueName("t"), "b"));
        rejected(401, "AUTH.BAD_SIGNATURE", () -> http.send("POST", "/v1/datatypes", tampered, other));
        RequestSignature.SignedHeaders garbage = new RequestSignature.SignedHeaders(wallet.address(),
                mine.timestamp(), "nonce-garbage", "0x1234");
        rejected(401, "AUTH.BAD_SIGNATURE", () -> http.send("POST", "/v1/datatypes", body, garbage));
    }

    @Test
    void staleSignatures() {
        byte[] body = JSON.writeValueAsBytes(datatype(uniqueName("t"), "a"));
        long tenMinutesAgo = Clock.systemUTC().instant().getEpochSecond() - 600;
        RequestSignature.SignedHeaders stale = wallet.signRequest("POST", "/v1/datatypes", body, tenMinutesAgo,
                "stale-nonce-1");
        rejected(401, "AUTH.STALE_TIMESTAMP", () -> http.send("POST", "/v1/datatypes", body, stale));
        RequestSignature.SignedHeaders future = wallet.signRequest("POST", "/v1/datatypes", body,
                tenMinutesAgo + 1200, "future-nonce-1");
        rejected(401, "AUTH.STALE_TIMESTAMP", () -> http.send("POST", "/v1/datatypes", body, future));
    }

    @Test
    void replayedSignatures() {
        byte[] body = JSON.writeValueAsBytes(datatype(uniqueName("t"), "a"));
        RequestSignature.SignedHeaders headers = wallet.signRequest("POST", "/v1/datatypes", body, Clock.systemUTC());
        expect(http.send("POST", "/v1/datatypes", body, headers), 201);
        rejected(401, "AUTH.NONCE_REUSED", () -> http.send("POST", "/v1/datatypes", body, headers));
    }

    @Test
    void badPathsMethodsAndSizes() {
        rejected(400, "REQUEST.INVALID_PARAMETER", () -> http.delete(wallet, "/v1/data/abc"));
        rejected(400, "REQUEST.INVALID_PARAMETER", () -> http.get("/v1/data/-5"));
        rejected(404, "REGISTRY.DATA_NOT_FOUND", () -> http.get("/v1/data/123"));
        rejected(404, "HTTP.NOT_FOUND", () -> http.get("/v1/nothing-here"));
        rejected(405, "HTTP.METHOD_NOT_ALLOWED", () -> http.signed(wallet, "PUT", "/v1/data", new byte[0]));
        byte[] huge = ("{\"datatype_name\":\"" + "x".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        rejected(413, "REQUEST.TOO_LARGE", () -> http.signed(wallet, "POST", "/v1/datatypes", huge));
    }

    @Test
    void providerFieldMustBeTheSigner() {
        Map<String, Object> begin = new java.util.HashMap<>(begin("x", List.of(), new byte[8], 1));
        begin.put("provider", Wallet.create().address());
        rejected(403, "REGISTRY.PROVIDER_NOT_SIGNER", () -> http.post(wallet, "/v1/data", begin));
    }

    @Test
    void rejectedCommandsWriteNoEvents() {
        rejected(404, "REGISTRY.DATATYPE_NOT_FOUND", () -> http.post(wallet, "/v1/data",
                begin(uniqueName("none"), List.of(), new byte[8], 1)));
        rejected(404, "REGISTRY.DATA_NOT_FOUND", () -> http.delete(wallet, "/v1/data/99"));
        rejected(404, "REGISTRY.DATA_NOT_FOUND", () -> http.post(wallet, "/v1/data/99/end", end(1, "k")));
    }
}
