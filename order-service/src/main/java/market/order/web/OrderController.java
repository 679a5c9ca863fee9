package market.order.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import market.order.command.CancelOrder;
import market.order.market.OrderSigning;
import market.order.market.domain.OrderStatus;
import market.order.view.OrderIndex;
import market.order.view.OrderQueries;
import market.order.view.OrderView;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Publishing and cancelling dataset orders, the order book, and the EIP-712 domain orders are
 * signed in. Each signed request becomes one command on {@code order.commands} keyed by the
 * dataset address; the answer is the order after it.
 */
@RestController
class OrderController {

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final OrderQueries queries;
    private final OrderIndex index;
    private final OrderSigning signing;
    private final Clock clock;

    OrderController(SignatureVerifier verifier, CommandGateway gateway, OrderQueries queries, OrderIndex index,
            OrderSigning signing, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.index = index;
        this.signing = signing;
        this.clock = clock;
    }

    @GetMapping("/v1/domain")
    Map<String, Object> domain() {
        return signing.domain();
    }

    @PostMapping("/v1/orders")
    Mono<ResponseEntity<OrderView>> publish(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        var publication = OrderRequests.publish(body, signed.signer(), signed.nonce(), clock.instant(), signing);
        return gateway.send(publication.command().getOrder().getDataset(), publication.command(), signed)
                .map(reply -> ResponseEntity.status(201).body(find(publication.orderHash())));
    }

    @DeleteMapping("/v1/orders/{orderHash}")
    Mono<OrderView> cancel(ServerHttpRequest request, @PathVariable String orderHash,
            @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        String hash = hash(orderHash);
        String dataset = index.datasetOfOrder(hash).orElseThrow(OrderController::notFound);
        var command = new CancelOrder(signed.signer(), signed.nonce(), clock.instant(), dataset, hash);
        return gateway.send(dataset, command, signed).map(reply -> find(hash));
    }

    @GetMapping("/v1/orders/{orderHash}")
    OrderView show(@PathVariable String orderHash) {
        return find(hash(orderHash));
    }

    @GetMapping("/v1/orders")
    OrderQueries.Page book(@RequestParam(required = false) String dataset,
            @RequestParam(required = false) String provider, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "20") String size) {
        OrderStatus wanted;
        try {
            wanted = status == null || status.equals("any") ? null : OrderStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER",
                    "status must be OPEN, FILLED, CANCELLED, CLOSED or any");
        }
        return queries.book(new OrderQueries.Filter(addressOrAny("dataset", dataset), addressOrAny("provider", provider),
                wanted), Params.boundedInt("page", page, 0, 1_000_000), Params.boundedInt("size", size, 1, 100));
    }

    private static String addressOrAny(String name, String value) {
        if (value == null || value.equals("any")) {
            return null;
        }
        if (!Addresses.isAddress(value)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", name + " must be 0x and 40 hex digits, or any");
        }
        return Addresses.normalize(value);
    }

    private static String hash(String orderHash) {
        if (!DatasetOrderSigning.isBytes32(orderHash)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", "orderHash must be 0x and 64 hex digits");
        }
        return orderHash.toLowerCase(Locale.ROOT);
    }

    private OrderView find(String orderHash) {
        return queries.order(orderHash).orElseThrow(OrderController::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("ORDER.NOT_FOUND", "The order does not exist");
    }
}
