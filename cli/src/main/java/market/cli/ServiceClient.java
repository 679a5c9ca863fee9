package market.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import market.platform.signing.RequestSignature;
import market.platform.signing.RequestSignature.SignedHeaders;
import market.platform.signing.Wallet;
import tools.jackson.databind.JsonNode;

/**
 * HTTP to one platform service: the registry, settlement or the order service. GETs go unsigned,
 * except a read the service answers only to its signer (a buyer's released keys). State-changing
 * requests are signed by the given wallet over the method, the raw path and query, and exactly the
 * body bytes sent (see {@link RequestSignature}). A 2xx answer returns its JSON; an error body
 * {@code {"errorCode", "errorMsg"}} becomes a {@link Refused}, and an unreachable service a
 * {@link CliException}. A service still catching up with its event topics answers 503
 * {@code SERVICE.NOT_READY} before it reads the request, so the request is signed and sent again
 * after its {@code Retry-After}, for up to {@value #NOT_READY_PATIENCE_SECONDS} s.
 */
final class ServiceClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final long NOT_READY_PATIENCE_SECONDS = 120;

    /** The request was sent but no answer came, so the service may or may not have acted on it. */
    static final class NoAnswer extends CliException {
        NoAnswer(String message) {
            super(message);
        }
    }

    /** The service refused the request with an error body; a waiting command may retry on its errorCode. */
    static final class Refused extends CliException {
        private final String errorCode;

        Refused(String errorCode, String errorMsg) {
            super(errorMsg + " (" + errorCode + ")");
            this.errorCode = errorCode;
        }

        String errorCode() {
            return errorCode;
        }
    }

    private final String service;
    private final String url;
    private final String base;
    private final HttpClient http;

    /**
     * @param option the command-line option that set {@code url}, named when it is malformed
     * @param service how error messages name the service, such as {@code "the registry"}
     */
    ServiceClient(String option, String service, String url) {
        this.service = service;
        this.url = url;
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " " + url + " is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null) {
            throw new CliException(option + " " + url + " must look like http://host:port");
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** Encodes one path segment or query value; spaces become {@code %20}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String pathWithQuery) {
        return send("GET", pathWithQuery, null, null);
    }

    /** A GET signed by {@code signer} over an empty body, for a read answered only to its signer. */
    JsonNode get(String pathWithQuery, Wallet signer) {
        return send("GET", pathWithQuery, new byte[0], signer);
    }

    JsonNode post(String path, JsonNode body, Wallet signer) {
        return send("POST", path, Json.bytes(body), signer);
    }

    /**
     * Streams {@code file} as the body of a POST signed over its SHA-256 ({@code sha256Hex}),
     * counting the bytes sent into {@code progress}; for uploads too large to hold in memory.
     */
    JsonNode postFile(String pathWithQuery, java.nio.file.Path file, String sha256Hex, Wallet signer,
            Progress progress) {
        URI uri = URI.create(base + pathWithQuery);
        String signedPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        SignedHeaders headers = signer.signHashedRequest("POST", signedPath, sha256Hex, Clock.systemUTC());
        HttpRequest request = headers.addTo(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/octet-stream"))
                .POST(BodyPublishers.fromPublisher(counting(file, progress), fileSize(file))).build();
        // sent once: a keeper node answers at once, and a file sent again would count twice in progress
        return answer(exchangeOnce(request));
    }

    private static long fileSize(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
    }

    /** The file's bytes as a body publisher that reports each chunk to {@code progress} as it goes out. */
    private static java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> counting(java.nio.file.Path file,
            Progress progress) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new CliException("no such file: " + file);
        }
        return subscriber -> publisher.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
                progress.add(item.remaining());
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    JsonNode put(String path, JsonNode body, Wallet signer) {
        return send("PUT", path, Json.bytes(body), signer);
    }

    /** A multipart/form-data POST of one file part named {@code field}, unsigned; the file is read whole (a few MiB). */
    JsonNode postMultipart(String path, String field, java.nio.file.Path file) {
        byte[] content;
        try {
            content = java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
        String boundary = "market-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())).build();
        return answer(exchange(() -> request));
    }

    JsonNode delete(String path, Wallet signer) {
        return send("DELETE", path, new byte[0], signer);
    }

    private JsonNode send(String method, String pathWithQuery, byte[] body, Wallet signer) {
        URI uri = URI.create(base + pathWithQuery);
        boolean hasBody = body != null && body.length > 0;
        // built, and signed, again for each attempt: a retry carries a fresh timestamp and nonce
        return answer(exchange(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json")
                    .method(method, hasBody ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
            if (hasBody) {
                request.header("Content-Type", "application/json");
            }
            if (signer != null) {
                String signedPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                signer.signRequest(method, signedPath, body, Clock.systemUTC()).addTo(request);
            }
            return request.build();
        }));
    }

    private HttpResponse<byte[]> exchange(java.util.function.Supplier<HttpRequest> request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(NOT_READY_PATIENCE_SECONDS).toNanos();
        while (true) {
            HttpResponse<byte[]> response = exchangeOnce(request.get());
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                return response;
            }
            JsonNode json = Json.parseOrNull(response.body());
            if (json == null || !"SERVICE.NOT_READY".equals(json.path("errorCode").asString(""))) {
                return response;
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(2);
            try {
                Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 10))).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoAnswer("interrupted while waiting for " + url + " to be ready");
            }
        }
    }

    private HttpResponse<byte[]> exchangeOnce(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("cannot reach " + url + ": is the platform running? (deploy/local/start)");
        } catch (IOException e) {
            throw new NoAnswer("no answer from " + url + " to " + request.method() + " " + request.uri().getRawPath()
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while waiting for " + url);
        }
    }

    private JsonNode answer(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] body = response.body();
        JsonNode json = Json.parseOrNull(body);
        if (status / 100 == 2) {
            if (body.length == 0) {
                return null;
            }
            if (json == null) {
                throw new CliException(service + " answered HTTP " + status + " with a body that is not JSON");
            }
            return json;
        }
        if (json != null && json.path("errorCode").isString() && json.path("errorMsg").isString()) {
            throw new Refused(json.get("errorCode").stringValue(), json.get("errorMsg").stringValue());
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        throw new CliException(service + " answered HTTP " + status
                + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
    }
}
