package market.registry.datashare.web;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import market.platform.domain.Rejection;
import market.platform.ids.Ids;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import market.registry.command.CloseDataShare;
import market.registry.command.PublishDataShare;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.dataset.domain.DataShareRules;
import market.registry.dataset.domain.DatasetDecider;
import market.registry.dataset.domain.FragmentPlan;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.datashare.keys.view.ProviderKeysQueries;
import market.registry.datashare.staging.StagingArea;
import market.registry.datashare.staging.StorageAgent;
import market.registry.datashare.view.DataShareQueries;
import market.registry.datashare.view.DataShareView;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The BCS DataShare product API: publish ({@code POST /v1/datashare/dataset}, signed by the
 * provider; a {@code PublishDataShare} on {@code registry.commands} keyed by the data_id derived
 * from the provider and productID, so a product is published once), query-dataset and
 * query-datasets, and close ({@code PUT}, signed). A product of {@code category: abe} needs the
 * provider's ABE master key (abe-setup) first. The data and sample fragments are then
 * uploaded and the registration ended as for any dataset ({@code POST /v1/data/{id}/end}); or
 * the publish carries the data as {@code plainData}, which the registry encrypts, stages and
 * stores on the keepers itself, the registration completing once they hold it.
 */
@RestController
@RequestMapping("/v1/datashare")
class DataShareController {

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final DataShareQueries queries;
    private final ProviderKeysQueries providerKeys;
    private final Marking marking;
    private final StagingArea staging;
    private final KeyCustody custody;
    private final StorageAgent agent;
    private final Clock clock;

    DataShareController(SignatureVerifier verifier, CommandGateway gateway, DataShareQueries queries,
            ProviderKeysQueries providerKeys, Marking marking, StagingArea staging, KeyCustody custody, StorageAgent agent, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.providerKeys = providerKeys;
        this.marking = marking;
        this.staging = staging;
        this.custody = custody;
        this.agent = agent;
        this.clock = clock;
    }

    @PostMapping("/dataset")
    Mono<ResponseEntity<DataShareView>> publish(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = DataShareRequests.read(body, signed.signer());
        long dataId = dataId(signed.signer(), DataShareRequests.productId(json));
        if (DataShareRequests.carriesData(json)) {
            return publishData(json, signed, dataId);
        }
        var command = DataShareRequests.publish(json, signed.signer(), signed.nonce(), dataId, clock.instant());
        return gateway.send(Long.toString(dataId), command, signed).map(reply -> ResponseEntity.status(201).body(find(dataId)));
    }

    /**
     * A publish that carries its data: marked first when {@code watermarkType} asks, encrypted
     * under a fresh key into the staging folder, then published with the staged fragment. The
     * plain bytes are dropped once encrypted; a refused publish deletes its staged ciphertext.
     */
    private Mono<ResponseEntity<DataShareView>> publishData(JsonInput json, SignatureVerifier.SignedRequest signed,
            long dataId) {
        byte[] plain = DataShareRequests.plainData(json);
        // the body's own rules, and those of the registration it starts, are checked before anything is
        // marked, encrypted or stored; the decider checks them again with the product's history
        PublishDataShare unstaged = DataShareRequests.publish(json, signed.signer(), signed.nonce(), dataId,
                clock.instant(), List.of(), plain);
        if (queries.find(dataId).isPresent()) {
            throw ApiException.of(DataShareRules.productExists(DataShareRequests.productId(json)));
        }
        Rejection problem = DatasetDecider.registrationProblem(unstaged.getPrice(), unstaged.getPeriod(),
                unstaged.getDataHashOriginal(), unstaged.getFragments().stream().map(f -> new FragmentPlan(
                        f.getFragmentNo(), f.getSize(), f.getHashOriginal(), f.getIdfsClusterId())).toList(),
                unstaged.getSize());
        if (problem == null && unstaged.getProduct().getCategory().equals(DataShareProduct.ABE)
                && providerKeys.find(signed.signer()).filter(ProviderKeysState::hasAbe).isEmpty()) {
            problem = DataShareRules.abeNotSetUp();
        }
        if (problem != null) {
            throw ApiException.of(problem);
        }
        Mono<byte[]> data = json.has("watermarkType")
                ? marking.mark(signed.signer(), signed.nonce(), plain, Marking.kind(json.string("watermarkType")),
                        DataShareRequests.productId(json))
                : Mono.just(plain);
        return data.publishOn(Schedulers.boundedElastic()).flatMap(bytes -> {
            StagingArea.Staged staged;
            PublishDataShare command;
            try {
                staged = staging.stage(dataId, bytes, custody);
                command = DataShareRequests.publishStaged(json, signed.signer(), signed.nonce(), dataId,
                        clock.instant(), bytes, staged, agent.address());
            } finally {
                Arrays.fill(bytes, (byte) 0);
                Arrays.fill(plain, (byte) 0);
            }
            return gateway.send(Long.toString(dataId), command, signed).doOnError(ApiException.class, e -> {
                if (e.status() < 500) {
                    staging.remove(staged.folder());
                }
            });
        }).map(reply -> ResponseEntity.status(201).body(find(dataId)));
    }

    /** query-dataset: one product, by its provider and productID. */
    @GetMapping("/dataset")
    DataShareView show(@RequestParam(required = false) String provider, @RequestParam(required = false) String productID) {
        if (provider == null || productID == null) {
            throw ApiException.badRequest("REQUEST.MISSING_PARAMETER", "query-dataset needs provider and productID");
        }
        return find(dataId(Params.account("provider", provider), productID));
    }

    /** query-datasets: a page of products, numbered from 1, filtered by provider, text and status. */
    @GetMapping("/datasets")
    DataShareQueries.Page list(@RequestParam(required = false) String provider,
            @RequestParam(required = false) String searchText, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") String currentPage, @RequestParam(defaultValue = "10") String pageSizeNum) {
        if (status != null && !status.equals("ready") && !status.equals("closed")) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", "status must be ready or closed");
        }
        if (searchText != null && searchText.length() > 256) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", "searchText is at most 256 characters");
        }
        return queries.list(new DataShareQueries.Filter(provider == null ? null : Params.account("provider", provider),
                        searchText, status), Params.boundedInt("currentPage", currentPage, 1, 1_000_000),
                Params.boundedInt("pageSizeNum", pageSizeNum, 1, 100));
    }

    /** Closes the signer's product {@code productID}: {@code {"productID", "status": "closed"}}. */
    @PutMapping("/dataset")
    Mono<DataShareView> close(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, java.util.Set.of("provider", "productID", "status"));
        if (!"closed".equals(json.string("status"))) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "status must be closed: a product is only closed");
        }
        if (json.has("provider") && !Params.account("provider", json.string("provider")).equals(signed.signer())) {
            throw new ApiException(403, "REGISTRY.PROVIDER_NOT_SIGNER", "provider must be the account that signs");
        }
        long dataId = dataId(signed.signer(), json.string("productID"));
        var command = new CloseDataShare(signed.signer(), signed.nonce(), clock.instant(), dataId);
        return gateway.send(Long.toString(dataId), command, signed).map(reply -> find(dataId));
    }

    /** The data_id of a provider's product: derived, so a retried publish names the same dataset. */
    static long dataId(String provider, String productId) {
        return Ids.dataShareProduct(provider, productId);
    }

    private DataShareView find(long dataId) {
        return queries.find(dataId).orElseThrow(() ->
                ApiException.notFound("REGISTRY.PRODUCT_NOT_FOUND", "The product does not exist"));
    }
}
