package market.node.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import market.node.keeper.KeeperClient;
import market.node.store.BlockStore;
import market.node.store.FragmentIndex;
import market.platform.content.Cid;
import market.platform.signing.RequestSignature;
import market.platform.web.ApiException;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/fragments/{cid}?data_id=&fragment_no=}: the provider uploads one encrypted
 * fragment, signed over the body's SHA-256. The node takes it only when keeper-service shows the
 * fragment placed on this node's cluster, declared with this CID, the signer the data's provider
 * or the uploader declared with it (the registry, for a DataShare plainData publish), and no larger
 * than declared. The body streams to a staging file; its hash and root CID are checked before any
 * block enters the store; then the node records the fragment and sends keeper-service its signed
 * receipt. Anything else is a 4xx, and nothing is stored.
 */
@RestController
class UploadController {

    private static final Logger log = LoggerFactory.getLogger(UploadController.class);

    private final SignatureVerifier verifier;
    private final KeeperClient keeper;
    private final BlockStore store;
    private final FragmentIndex index;

    UploadController(SignatureVerifier verifier, KeeperClient keeper, BlockStore store, FragmentIndex index) {
        this.verifier = verifier;
        this.keeper = keeper;
        this.store = store;
        this.index = index;
    }

    /** A fragment this node may take: its declared size, and whether the node already holds it. */
    private record Expected(long dataId, long fragmentNo, Cid cid, long size, boolean held) {}

    @PostMapping("/v1/fragments/{cid}")
    Mono<ResponseEntity<Map<String, Object>>> upload(ServerHttpRequest request, @PathVariable String cid,
            @RequestParam(name = "data_id", required = false) String dataId,
            @RequestParam(name = "fragment_no", required = false) String fragmentNo,
            @RequestBody(required = false) Flux<DataBuffer> body) {
        Cid root = parseCid(cid);
        long id = Params.positiveLong("data_id", required("data_id", dataId));
        long number = Params.positiveLong("fragment_no", required("fragment_no", fragmentNo));
        String claimed = request.getHeaders().getFirst(RequestSignature.ADDRESS_HEADER);
        if (claimed == null) {
            throw ApiException.unauthorized("AUTH.UNSIGNED", "an upload must be signed by the data's provider");
        }
        Flux<DataBuffer> bytes = body == null ? Flux.empty() : body;
        return Mono.fromCallable(() -> expected(id, number, root, claimed))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(expected -> expected.held()
                        ? bytes.map(DataBufferUtils::release).then(Mono.just(ResponseEntity.ok(
                                answer(expected, "already held"))))
                        : receive(request, expected, bytes));
    }

    private Mono<ResponseEntity<Map<String, Object>>> receive(ServerHttpRequest request, Expected expected,
            Flux<DataBuffer> body) {
        Path staging;
        try {
            staging = Files.createTempFile(store.stagingFolder(), "upload", ".fragment");
        } catch (IOException e) {
            return Mono.error(e);
        }
        return DataBufferUtils.write(DataBufferUtils.takeUntilByteCount(body, expected.size() + 1), staging)
                .then(Mono.fromCallable(() -> accept(request, expected, staging)).subscribeOn(Schedulers.boundedElastic()))
                .doFinally(signal -> deleteQuietly(staging));
    }

    private ResponseEntity<Map<String, Object>> accept(ServerHttpRequest request, Expected expected, Path staging)
            throws IOException {
        if (Files.size(staging) > expected.size()) {
            throw new ApiException(413, "NODE.BODY_TOO_LARGE", "the fragment was declared with " + expected.size()
                    + " bytes");
        }
        FragmentImport.Digest digest = FragmentImport.digest(staging);
        verifier.verifyHashed(request, digest.sha256Hex());
        if (!digest.root().equals(expected.cid())) {
            throw ApiException.badRequest("NODE.CID_MISMATCH", "the bytes do not hash to " + expected.cid()
                    + " (they are " + digest.root() + ")");
        }
        if (digest.size() != expected.size()) {
            throw ApiException.badRequest("NODE.SIZE_MISMATCH", "the fragment was declared with " + expected.size()
                    + " bytes, not " + digest.size());
        }
        FragmentImport.importInto(store, staging, expected.cid());
        index.record(expected.dataId(), expected.fragmentNo(), expected.cid().toString());
        String receipt;
        try {
            keeper.receipt(expected.dataId(), expected.fragmentNo(), expected.cid().toString());
            receipt = "accepted";
        } catch (ApiException e) {
            log.warn("receipt for data {} fragment {} not taken yet: {}", expected.dataId(), expected.fragmentNo(),
                    e.getMessage());
            receipt = "pending";
        }
        return ResponseEntity.status(201).body(answer(expected, receipt));
    }

    private Expected expected(long dataId, long fragmentNo, Cid cid, String claimed) throws IOException {
        long cluster = keeper.cluster();
        if (cluster < 0) {
            throw new ApiException(409, "NODE.NOT_REGISTERED", "this node's keeper account " + keeper.account()
                    + " is not registered (market keeper add)");
        }
        JsonNode storage = keeper.storage(dataId);
        if (storage == null) {
            throw ApiException.notFound("NODE.DATA_NOT_PLACED", "keeper-service has no fragments of data " + dataId);
        }
        if (!storage.path("open").asBoolean()) {
            throw new ApiException(409, "NODE.STORAGE_CLOSED", "data " + dataId + " is no longer stored");
        }
        JsonNode uploader = storage.path("uploader");
        if (!storage.path("provider").asString().equalsIgnoreCase(claimed)
                && !(uploader.isString() && uploader.stringValue().equalsIgnoreCase(claimed))) {
            throw new ApiException(403, "NODE.NOT_PROVIDER", "only the data's provider, or the uploader it declared, "
                    + "uploads its fragments");
        }
        for (JsonNode fragment : storage.path("fragments")) {
            if (fragment.path("fragment_no").asLong() != fragmentNo) {
                continue;
            }
            if (fragment.path("idfs_cluster_id").asLong() != cluster) {
                throw new ApiException(409, "NODE.NOT_MY_CLUSTER", "fragment " + fragmentNo + " is placed on cluster "
                        + fragment.path("idfs_cluster_id").asLong() + "; this node serves cluster " + cluster);
            }
            if (!cid.toString().equals(fragment.path("cid").asString(null))) {
                throw new ApiException(409, "NODE.CID_NOT_DECLARED", "fragment " + fragmentNo
                        + " is not declared with this CID");
            }
            return new Expected(dataId, fragmentNo, cid, fragment.path("size_encrypted").asLong(),
                    index.held(dataId, fragmentNo).isPresent());
        }
        throw ApiException.notFound("NODE.FRAGMENT_NOT_FOUND", "data " + dataId + " has no fragment " + fragmentNo);
    }

    private static Map<String, Object> answer(Expected expected, String receipt) {
        return Map.of("data_id", expected.dataId(), "fragment_no", expected.fragmentNo(),
                "cid", expected.cid().toString(), "size", expected.size(), "receipt", receipt);
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw ApiException.badRequest("REQUEST.MISSING_PARAMETER", name + " is required");
        }
        return value;
    }

    private static Cid parseCid(String cid) {
        try {
            return Cid.parse(cid);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("NODE.INVALID_CID", "the path must name a CIDv1: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
