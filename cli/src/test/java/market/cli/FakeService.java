package market.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import market.platform.crypto.PersonalSign;
import market.platform.crypto.Secp256k1;
import market.platform.signing.RequestSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in platform service (registry, settlement or the order service) on a free local port: it
 * records every request exactly as received (method, raw path and query, headers, body bytes) and
 * answers each with one configured status and body, or, for a method and path given to
 * {@link #on}, with the answers given there in turn, the last one from then on (to follow a
 * command that polls).
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

    /** One answer: an HTTP status and a body. */
    record Answer(int status, String body) {}

    static Answer reply(int status, String body) {
        return new Answer(status, body);
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> routes = new ConcurrentHashMap<>();
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

    /** Answers {@code method path} (the path without query) with {@code answers} in turn, then the last. */
    FakeService on(String method, String path, Answer... answers) {
        routes.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** The requests to {@code method path} (the path without query). */
    List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method)
                && r.pathWithQuery().replaceFirst("\\?.*", "").equals(path)).toList();
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

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
        Deque<Answer> route = routes.get(exchange.getRequestMethod() + " " + path);
        Answer next = route == null ? new Answer(status, answer) : route.size() > 1 ? route.poll() : route.peek();
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(next.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
