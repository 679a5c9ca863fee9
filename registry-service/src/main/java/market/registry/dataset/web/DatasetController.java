package market.registry.dataset.web;

import java.time.Clock;
import market.platform.crypto.Addresses;
import market.platform.ids.Ids;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import market.registry.command.RemoveData;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.DatasetStatus;
import market.registry.dataset.view.DatasetQueries;
import market.registry.dataset.view.DatasetView;
import market.registry.dataset.view.KeyReleaseView;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * adddatabegin, adddataend, removedata, dataset reads, and the buyer's signed read of its
 * released keys. Each signed request becomes one
 * command on {@code registry.commands} keyed by {@code data_id}; the answer is the view after it.
 */
@RestController
@RequestMapping("/v1/data")
class DatasetController {

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final DatasetQueries queries;
    private final KeyCustody custody;
    private final Clock clock;

    DatasetController(SignatureVerifier verifier, CommandGateway gateway, DatasetQueries queries, KeyCustody custody,
            Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.custody = custody;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<DatasetView>> begin(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        long dataId = Ids.derive("data", signed.signer(), signed.nonce());
        var command = DatasetRequests.begin(body, signed.signer(), signed.nonce(), dataId, clock.instant());
        return gateway.send(Long.toString(dataId), command, signed).map(reply -> ResponseEntity.status(201).body(find(dataId)));
    }

    @PostMapping("/{dataId}/end")
    Mono<DatasetView> end(ServerHttpRequest request, @PathVariable String dataId,
            @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        long id = Params.positiveLong("data_id", dataId);
        var command = DatasetRequests.end(body, signed.signer(), signed.nonce(), id, clock.instant(), custody);
        return gateway.send(dataId, command, signed).map(reply -> find(id));
    }

    @DeleteMapping("/{dataId}")
    Mono<DatasetView> remove(ServerHttpRequest request, @PathVariable String dataId,
            @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        long id = Params.positiveLong("data_id", dataId);
        var command = new RemoveData(signed.signer(), signed.nonce(), clock.instant(), id);
        return gateway.send(Long.toString(id), command, signed).map(reply -> find(id));
    }

    @GetMapping("/{dataId}")
    DatasetView show(@PathVariable String dataId) {
        if (Addresses.isAddress(dataId)) {
            return queries.findByAddress(Addresses.normalize(dataId)).orElseThrow(() ->
                    ApiException.notFound("REGISTRY.DATA_NOT_FOUND", "The data does not exist"));
        }
        return find(Params.positiveLong("data_id", dataId));
    }

    /** The keys released to the signer, wrapped to the public key of its deal; only a buyer may read them. */
    @GetMapping("/{dataId}/keys")
    KeyReleaseView keys(ServerHttpRequest request, @PathVariable String dataId) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, new byte[0]);
        long id = Params.positiveLong("data_id", dataId);
        find(id);
        return queries.releaseTo(id, signed.signer()).orElseThrow(() -> ApiException.notFound(
                "REGISTRY.KEYS_NOT_RELEASED", "No keys of this data are released to " + signed.signer()));
    }

    @GetMapping
    DatasetQueries.Page list(@RequestParam(required = false) String provider,
            @RequestParam(required = false) String datatype, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "20") String size) {
        String providerAddress = provider == null ? null : Params.address("provider", provider);
        DatasetStatus wanted;
        try {
            wanted = status == null ? null : DatasetStatus.ofCode(Long.parseLong(status));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", "status must be 0, 1, 2, 3 or 4");
        }
        int pageNumber = Params.boundedInt("page", page, 0, 1_000_000);
        int pageSize = Params.boundedInt("size", size, 1, 100);
        return queries.list(new DatasetQueries.Filter(providerAddress,
                datatype, wanted), pageNumber, pageSize);
    }

    private DatasetView find(long dataId) {
        return queries.find(dataId).orElseThrow(() ->
                ApiException.notFound("REGISTRY.DATA_NOT_FOUND", "The data does not exist"));
    }
}
