package market.keeper.storage.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.keeper.command.DeclareFragments;
import market.keeper.command.FragmentDeclaration;
import market.keeper.command.RecordReplica;
import market.keeper.storage.view.AssignmentView;
import market.keeper.storage.view.KeptFragmentView;
import market.keeper.storage.view.StorageQueries;
import market.keeper.storage.view.StorageView;
import market.platform.config.ServiceRuntime;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A dataset's storage: the provider declares each fragment's CID (signed), keeper nodes send
 * receipts for the replicas they hold (signed by the keeper), and nodes read what they should
 * fetch and what their cluster still stores. Each signed request is one command on {@code keeper.commands} keyed by data_id.
 */
@RestController
class StorageController {

    private static final Set<String> DECLARE_FIELDS = Set.of("fragments");
    private static final Set<String> DECLARED_FRAGMENT_FIELDS = Set.of("fragment_no", "cid", "size_encrypted");
    private static final Set<String> RECEIPT_FIELDS = Set.of("data_id", "fragment_no", "cid");

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final StorageQueries queries;
    private final Clock clock;
    private final ServiceRuntime runtime;

    StorageController(SignatureVerifier verifier, CommandGateway gateway, StorageQueries queries, Clock clock,
            ServiceRuntime runtime) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.clock = clock;
        this.runtime = runtime;
    }

    @PostMapping("/v1/data/{dataId}/fragments")
    Mono<StorageView> declare(ServerHttpRequest request, @PathVariable String dataId,
            @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        long id = Params.positiveLong("data_id", dataId);
        List<FragmentDeclaration> fragments = JsonInput.object(body, DECLARE_FIELDS)
                .objects("fragments", DECLARED_FRAGMENT_FIELDS).stream()
                .map(f -> new FragmentDeclaration(f.integer("fragment_no"), f.string("cid"), f.integer("size_encrypted")))
                .toList();
        DeclareFragments command = new DeclareFragments(signed.signer(), signed.nonce(), clock.instant(), id, fragments,
                null);
        return gateway.send(Long.toString(id), command, signed).map(reply -> storage(id));
    }

    @PostMapping("/v1/receipts")
    Mono<StorageView> receipt(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, RECEIPT_FIELDS);
        long id = json.integer("data_id");
        if (id < 1) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "data_id must be a positive integer");
        }
        RecordReplica command = new RecordReplica(signed.signer(), signed.nonce(), clock.instant(), id,
                json.integer("fragment_no"), json.string("cid"));
        return gateway.send(Long.toString(id), command, signed).map(reply -> storage(id));
    }

    @GetMapping("/v1/data/{dataId}/fragments")
    StorageView show(@PathVariable String dataId) {
        return storage(Params.positiveLong("data_id", dataId));
    }

    @GetMapping("/v1/keepers/{account}/assignments")
    Map<String, List<AssignmentView>> assignments(@PathVariable String account) {
        return Map.of("items", queries.assignments(Params.address("idfs_account", account)));
    }

    @GetMapping("/v1/keepers/{account}/fragments")
    Map<String, List<KeptFragmentView>> kept(@PathVariable String account) {
        String keeper = Params.address("idfs_account", account);
        // a node drops what this list leaves out, so it is answered only in full: never while the
        // service is still replaying its events, never for a keeper it does not know
        if (!runtime.isCaughtUp()) {
            throw new ApiException(503, "SERVICE.NOT_READY", "keeper-service is still replaying its events");
        }
        return Map.of("items", queries.kept(keeper).orElseThrow(() ->
                ApiException.notFound("KEEPER.KEEPER_NOT_FOUND", "The keeper is not registered")));
    }

    private StorageView storage(long dataId) {
        return queries.find(dataId).orElseThrow(() ->
                ApiException.notFound("KEEPER.STORAGE_NOT_FOUND", "The data has no fragments placed"));
    }
}
