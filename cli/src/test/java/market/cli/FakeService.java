package market.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import market.platform.crypto.PersonalSign;
import market.platform.crypto.Secp256k1;
import market.platform.signing.RequestSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in platform service (registry or settlement) on a free local port: it records every
 * request exactly as received (method, raw path and query, headers, body bytes) and answers each
 * with one configured status and body.
 */
final class FakeService implements AutoCloseable {

    /** One request as the server saw it. */
    record Received(String method, String pathWithQuery, com.sun.net.httpserver.Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }

        /** The address whose key made the request's signature, recovered as the services verify it. */
        String signer() {
            byte[] digest = RequestSignature.digest(method, pathWithQuery, body,
                    Long.parseLong(header(RequestSignature.TIMESTAMP_HEADER)), header(RequestSignature.NONCE_HEADER));
            return PersonalSign.recoverAddress(digest,
                    Secp256k1.Signature.fromHex(header(RequestSignature.SIGNATURE_HEADER)));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String answer;

    private FakeService(int status, String answer) throws IOException {
        this.status = status;
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeService answering(int status, String body) throws IOException {
        return new FakeService(status, body);
    }

    void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        received.add(new Received(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
