package market.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for service tests: it signs requests with a {@link Wallet} exactly as the
 * {@code market} CLI does, and answers the status with the parsed JSON body.
 */
public final class SignedHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: status, raw body, and the body as JSON (null when empty or not JSON). */
    public record Response(int status, String body, JsonNode json) {
        public String errorCode() {
            return json == null || json.get("errorCode") == null ? null : json.get("errorCode").stringValue();
        }

        public String errorMsg() {
            return json == null || json.get("errorMsg") == null ? null : json.get("errorMsg").stringValue();
        }

        /** This response, after checking its status. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected " + expected + " but was " + status + ": " + body);
            }
            return this;
        }
    }

    // HTTP/1.1 as the CLI speaks it; the JDK client would otherwise try an h2c upgrade
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> extraHeaders;

    public SignedHttp(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private SignedHttp(String baseUrl, Map<String, String> extraHeaders) {
        this.baseUrl = baseUrl;
        this.extraHeaders = extraHeaders;
    }

    /** This client, sending {@code name: value} with every request too (a {@code traceparent}, say). */
    public SignedHttp withHeader(String name, String value) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new SignedHttp(baseUrl, Map.copyOf(headers));
    }

    public Response get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        extraHeaders.forEach(request::header);
        return send(request.GET().build());
    }

    public Response post(Wallet wallet, String path, Object body) {
        return signed(wallet, "POST", path, JSON.writeValueAsBytes(body));
    }

    public Response delete(Wallet wallet, String path) {
        return signed(wallet, "DELETE", path, new byte[0]);
    }

    /** Sends {@code body} exactly as given, signed by {@code wallet}. */
    public Response signed(Wallet wallet, String method, String path, byte[] body) {
        return send(method, path, body, wallet.signRequest(method, path, body, Clock.systemUTC()));
    }

    /** Sends with the given signature headers, or none when {@code headers} is null. */
    public Response send(String method, String path, byte[] body, RequestSignature.SignedHeaders headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers != null) {
            headers.addTo(request);
        }
        extraHeaders.forEach(request::header);
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // the raw body is still available
            }
            return new Response(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
