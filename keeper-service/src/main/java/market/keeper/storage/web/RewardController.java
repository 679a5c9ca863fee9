package market.keeper.storage.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.keeper.command.ClaimReward;
import market.keeper.storage.view.ClaimView;
import market.keeper.storage.view.RewardView;
import market.keeper.storage.view.StorageQueries;
import market.platform.ids.Ids;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Keepers' rewards and claims. {@code claimkreward} is signed by the keeper, whose address is the
 * {@code idfs_account}; its claim_id is derived from the signed request, and it is one command on
 * {@code keeper.commands} keyed by data_id. The answer is the claim as accepted, still pending
 * while settlement pays it from {@code osb.trader}.
 */
@RestController
class RewardController {

    private static final Set<String> CLAIM_FIELDS = Set.of("data_id", "storagePeriod");

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final StorageQueries queries;
    private final Clock clock;

    RewardController(SignatureVerifier verifier, CommandGateway gateway, StorageQueries queries, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping("/v1/claims")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ClaimView> claim(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, CLAIM_FIELDS);
        long dataId = json.integer("data_id");
        if (dataId < 1) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "data_id must be a positive integer");
        }
        long claimId = Ids.derive("claim", signed.signer(), signed.nonce());
        ClaimReward command = new ClaimReward(signed.signer(), signed.nonce(), clock.instant(), dataId, claimId,
                json.integer("storagePeriod"));
        return gateway.send(Long.toString(dataId), command, signed).map(reply -> queries.claim(dataId, claimId)
                .orElseThrow(() -> new IllegalStateException("claim " + claimId + " accepted but not visible")));
    }

    @GetMapping("/v1/keepers/{account}/rewards")
    Map<String, List<RewardView>> rewardsOfKeeper(@PathVariable String account) {
        return Map.of("items", queries.rewardsOf(Params.address("idfs_account", account)));
    }

    @GetMapping("/v1/keepers/{account}/claims")
    Map<String, List<ClaimView>> claimsOfKeeper(@PathVariable String account) {
        return Map.of("items", queries.claimsOf(Params.address("idfs_account", account)));
    }

    @GetMapping("/v1/data/{dataId}/rewards")
    Map<String, List<RewardView>> rewardsOfData(@PathVariable String dataId) {
        return Map.of("items", queries.rewardsOf(Params.positiveLong("data_id", dataId)));
    }
}
