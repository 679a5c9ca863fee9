package market.node.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.web.ApiException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The IPFS trustless gateway (ipfs/specs, "Trustless Gateway"), {@code GET} and {@code HEAD}
 * {@code /ipfs/{cid}}: one block ({@code application/vnd.ipld.raw}, or {@code ?format=raw}); a
 * CAR v1 of the file's DAG ({@code application/vnd.ipld.car}, or {@code ?format=car}) with
 * {@code dag-scope} ({@code block}, {@code entity}, {@code all}), {@code entity-bytes} and
 * {@code dups}; or, with neither, the file's bytes, with {@code Range}. Fragments are ciphertext,
 * so anyone may read them. The controller maps requests to {@link ContentBackend}; bytes are
 * streamed as the DAG is walked.
 */
@RestController
class GatewayController {

    static final MediaType RAW = MediaType.parseMediaType("application/vnd.ipld.raw");
    static final MediaType CAR = MediaType.parseMediaType("application/vnd.ipld.car");
    private static final String IMMUTABLE = "public, max-age=29030400, immutable";
    private static final int CHUNK = 64 * 1024;

    private final ContentBackend backend;
    private final Executor executor;

    GatewayController(ContentBackend backend, Executor gatewayExecutor) {
        this.backend = backend;
        this.executor = gatewayExecutor;
    }

    @RequestMapping(path = "/ipfs/{cid}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<Flux<DataBuffer>> get(ServerHttpRequest request, @PathVariable String cid,
            @RequestParam(required = false) String format,
            @RequestParam(name = "dag-scope", required = false) String dagScope,
            @RequestParam(name = "entity-bytes", required = false) String entityBytes,
            @RequestParam(required = false) String dups) throws IOException {
        Cid root = parse(cid);
        if (!backend.has(root)) {
            throw ApiException.notFound("GATEWAY.NOT_FOUND", "this node holds no block " + root);
        }
        boolean head = request.getMethod() == HttpMethod.HEAD;
        String kind = format(format, request.getHeaders().getAccept());
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Ipfs-Path", "/ipfs/" + root);
        headers.set("X-Ipfs-Roots", root.toString());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setCacheControl(IMMUTABLE);
        try {
            return switch (kind) {
                case "raw" -> raw(root, headers, head);
                case "car" -> car(root, dagScope, entityBytes, dups, headers, head);
                default -> file(root, request.getHeaders().getFirst(HttpHeaders.RANGE), headers, head);
            };
        } catch (DagWalker.BadBlockException e) {
            // the node's own copy is bad: a 5xx, so a client takes the block from another keeper
            throw new ApiException(500, "GATEWAY.BLOCK_CORRUPTED", "this node's copy of block " + e.cid()
                    + " is corrupted; fetch it from another keeper");
        }
    }

    private ResponseEntity<Flux<DataBuffer>> raw(Cid root, HttpHeaders headers, boolean head) throws IOException {
        byte[] block = backend.block(root);
        headers.setContentType(RAW);
        headers.setContentLength(block.length);
        headers.setETag("\"" + root + ".raw\"");
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + root + ".bin\"");
        Flux<DataBuffer> body = head ? Flux.empty() : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(block));
        return ResponseEntity.ok().headers(headers).body(body);
    }

    private ResponseEntity<Flux<DataBuffer>> car(Cid root, String dagScope, String entityBytes, String dups,
            HttpHeaders headers, boolean head) throws IOException {
        ContentBackend.Scope scope = scope(dagScope);
        boolean withDups = dups == null || dups.equals("y");
        if (dups != null && !dups.equals("y") && !dups.equals("n")) {
            throw ApiException.badRequest("GATEWAY.INVALID_DUPS", "dups must be y or n");
        }
        ByteRange range = entityBytes == null ? ByteRange.all(Long.MAX_VALUE)
                : ByteRange.ofEntityBytes(entityBytes, backend.fileSize(root));
        headers.setContentType(MediaType.parseMediaType(
                "application/vnd.ipld.car; version=1; order=dfs; dups=" + (withDups ? "y" : "n")));
        headers.setETag("\"" + root + ".car." + scope.name().toLowerCase(Locale.ROOT)
                + (entityBytes == null ? "" : "." + range.from() + "-" + range.to()) + (withDups ? "" : ".nodups") + "\"");
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + root + ".car\"");
        headers.set(HttpHeaders.ACCEPT_RANGES, "none");
        if (head) {
            return ResponseEntity.ok().headers(headers).body(Flux.empty());
        }
        return ResponseEntity.ok().headers(headers).body(stream(out ->
                backend.writeCar(root, scope, range.from(), range.to(), withDups, out)));
    }

    private ResponseEntity<Flux<DataBuffer>> file(Cid root, String rangeHeader, HttpHeaders headers, boolean head)
            throws IOException {
        long size = backend.fileSize(root);
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setETag("\"" + root + "\"");
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        ByteRange range;
        try {
            range = ByteRange.ofRangeHeader(rangeHeader, size);
        } catch (ByteRange.Unsatisfiable e) {
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            headers.setContentType(MediaType.APPLICATION_JSON);
            byte[] error = ("{\"errorCode\":\"" + e.errorCode() + "\",\"errorMsg\":\"" + e.getMessage() + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return ResponseEntity.status(416).headers(headers)
                    .body(head ? Flux.empty() : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(error)));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (range == null) {
            range = ByteRange.all(size);
        } else {
            answer = ResponseEntity.status(206);
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + range.from() + "-" + (range.to() - 1) + "/" + size);
        }
        headers.setContentLength(range.length());
        if (head || range.length() == 0) {
            return answer.headers(headers).body(Flux.empty());
        }
        ByteRange bytes = range;
        return answer.headers(headers).body(stream(out -> backend.writeFile(root, bytes.from(), bytes.to(), out)));
    }

    /** Streams what {@code writer} writes, walking the DAG on the gateway's executor, not on the event loop. */
    private Flux<DataBuffer> stream(Writer writer) {
        return Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
            try {
                writer.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DefaultDataBufferFactory.sharedInstance, executor, CHUNK));
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static Cid parse(String cid) {
        try {
            return Cid.parse(cid);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("GATEWAY.INVALID_CID",
                    "the path must name a CIDv1 (base32, sha2-256, raw or dag-pb): " + e.getMessage());
        }
    }

    /** {@code ?format=} wins over {@code Accept}; neither asks for the file's bytes. */
    private static String format(String format, List<MediaType> accept) {
        if (format != null) {
            if (!format.equals("raw") && !format.equals("car")) {
                throw ApiException.badRequest("GATEWAY.UNSUPPORTED_FORMAT", "format must be raw or car");
            }
            return format;
        }
        for (MediaType type : accept) {
            if (type.equalsTypeAndSubtype(RAW)) {
                return "raw";
            }
            if (type.equalsTypeAndSubtype(CAR)) {
                return "car";
            }
        }
        return "file";
    }

    private static ContentBackend.Scope scope(String dagScope) {
        if (dagScope == null) {
            return ContentBackend.Scope.ALL;
        }
        return switch (dagScope) {
            case "block" -> ContentBackend.Scope.BLOCK;
            case "entity" -> ContentBackend.Scope.ENTITY;
            case "all" -> ContentBackend.Scope.ALL;
            default -> throw ApiException.badRequest("GATEWAY.INVALID_DAG_SCOPE", "dag-scope must be block, entity or all");
        };
    }
}
