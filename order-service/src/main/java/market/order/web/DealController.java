package market.order.web;

import java.time.Clock;
import market.order.view.DealView;
import market.order.view.OrderQueries;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * buydata and deal reads. A signed buy request becomes a {@code BuyData} command keyed by the
 * dataset address, with a deal id derived from the dataset and the signed request (signer, nonce
 * and timestamp), so the same request delivered again maps to the same deal. The answer is the
 * deal, PENDING_PAYMENT until settlement pays or rejects it.
 */
@RestController
@RequestMapping("/v1/deals")
class DealController {

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final OrderQueries queries;
    private final Clock clock;

    DealController(SignatureVerifier verifier, CommandGateway gateway, OrderQueries queries, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<DealView>> buy(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        var command = OrderRequests.buy(body, signed, clock.instant());
        long dealId = command.getDealId();
        return gateway.send(command.getDataset(), command, signed).map(reply -> ResponseEntity.status(201).body(find(dealId)));
    }

    @GetMapping("/{dealId}")
    DealView show(@PathVariable String dealId) {
        return find(Params.positiveLong("deal_id", dealId));
    }

    private DealView find(long dealId) {
        return queries.deal(dealId).orElseThrow(() ->
                ApiException.notFound("ORDER.DEAL_NOT_FOUND", "The deal does not exist"));
    }
}
