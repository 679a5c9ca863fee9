package market.node.keeper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.web.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's view of keeper-service over HTTP: its own keeper (and so its cluster), a dataset's
 * storage record (what was declared, placed where, and who holds it), the fragments it should
 * fetch, and the receipts it signs with its keeper account's wallet. A failure to reach
 * keeper-service is a 503, so an upload is refused rather than accepted unchecked.
 */
public final class KeeperClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Wallet wallet;
    private final Clock clock;
    private final AtomicLong cluster = new AtomicLong(-1);

    public KeeperClient(String baseUrl, Wallet wallet, Clock clock) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.wallet = wallet;
        this.clock = clock;
    }

    public String account() {
        return wallet.address();
    }

    /** This node's cluster, or -1 while its keeper account is not registered. A keeper never moves. */
    public long cluster() {
        if (cluster.get() >= 0) {
            return cluster.get();
        }
        JsonNode keeper = get("/v1/keepers/" + wallet.address());
        if (keeper != null) {
            cluster.set(keeper.get("cluster_id").longValue());
        }
        return cluster.get();
    }

    /** The storage record of a dataset, or null when keeper-service has none. */
    public JsonNode storage(long dataId) {
        return get("/v1/data/" + dataId + "/fragments");
    }

    public JsonNode assignments() {
        return get("/v1/keepers/" + wallet.address() + "/assignments");
    }

    /**
     * What this keeper's cluster stores now (keeper-service's list, whole); null while the keeper
     * is unknown; a 503 while keeper-service is still replaying.
     */
    public JsonNode kept() {
        return get("/v1/keepers/" + wallet.address() + "/fragments");
    }

    /** Reports a verified replica; answers keeper-service's reply, or throws its refusal. */
    public JsonNode receipt(long dataId, long fragmentNo, String cid) {
        byte[] body = JSON.writeValueAsBytes(Map.of("data_id", dataId, "fragment_no", fragmentNo, "cid", cid));
        RequestSignature.SignedHeaders signed = wallet.signRequest("POST", "/v1/receipts", body, clock);
        HttpRequest request = signed.addTo(HttpRequest.newBuilder(URI.create(base + "/v1/receipts")).timeout(TIMEOUT)
                .header("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = send(request);
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new ApiException(response.statusCode() >= 500 ? 503 : response.statusCode(),
                    answer.path("errorCode").asString("NODE.RECEIPT_REFUSED"), answer.path("errorMsg").asString(""));
        }
        return answer;
    }

    private JsonNode get(String path) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw unavailable("answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable("cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private ApiException unavailable(String why) {
        return new ApiException(503, "NODE.KEEPER_SERVICE_UNAVAILABLE", "keeper-service at " + base + " " + why);
    }
}
