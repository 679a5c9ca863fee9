package market.order.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import market.order.command.ApplyPurchase;
import market.order.command.DecidePurchase;
import market.order.command.WithdrawPurchase;
import market.order.market.domain.Purchase;
import market.order.view.OrderIndex;
import market.order.view.OrderQueries;
import market.order.view.PurchaseView;
import market.platform.crypto.Secp256k1;
import market.platform.ids.DatasetAddress;
import market.platform.ids.Ids;
import market.platform.ids.OrderSeq;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * DataShare purchases by application, as BCS's dataset orders. A consumer applies, signed, for a
 * provider's product under an orderSeq of its own ({@code ApplyPurchase} keyed by the product's
 * dataset address); the provider authorizes or refuses, signed ({@code DecidePurchase}), and an
 * authorization makes the deal that settlement pays and the registry releases keys for; the
 * consumer may withdraw an application not yet decided. An orderSeq names one application of
 * its consumer: one already used for another product is refused. Orders are read by consumer
 * and orderSeq, and listed by provider, consumer and status.
 */
@RestController
@RequestMapping("/v1/datashare/orders")
class PurchaseController {

    private static final Set<String> APPLY_FIELDS = Set.of("consumer", "orderSeq", "provider", "productID", "reason",
            "buyer_key");
    private static final Set<String> DECIDE_FIELDS = Set.of("consumer", "orderSeq", "productID", "approve", "reason");
    private static final Set<String> WITHDRAW_FIELDS = Set.of("consumer", "orderSeq", "provider", "productID", "reason");
    private static final Set<String> STATUSES = Set.of(Purchase.REQUEST, Purchase.READY, Purchase.FINISHED,
            Purchase.FAILED, Purchase.CANCELED);

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final OrderQueries queries;
    private final OrderIndex index;
    private final Clock clock;

    PurchaseController(SignatureVerifier verifier, CommandGateway gateway, OrderQueries queries, OrderIndex index,
            Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.index = index;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<PurchaseView>> apply(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, APPLY_FIELDS);
        String consumer = signedConsumer(json, signed);
        String orderSeq = orderSeq(json);
        String provider = Params.account("provider", json.string("provider"));
        String productId = json.string("productID");
        String buyerKey = json.string("buyer_key");
        if (!consumer.equals(Secp256k1.addressOfPublicKeyHex(buyerKey))) {
            throw ApiException.badRequest("ORDER.BUYER_KEY_MISMATCH",
                    "buyer_key must be the consumer's secp256k1 public key: 0x and 128 hex digits");
        }
        String dataset = DatasetAddress.of(Ids.dataShareProduct(provider, productId));
        var used = index.datasetsOfPurchase(Purchase.id(consumer, orderSeq));
        if (!used.isEmpty() && !used.contains(dataset)) {
            throw new ApiException(409, "ORDER.ORDER_SEQ_TAKEN",
                    "The consumer already has an order " + orderSeq + " for another product");
        }
        var command = new ApplyPurchase(consumer, signed.nonce(), clock.instant(), dataset, orderSeq,
                json.string("reason", ""), buyerKey.toLowerCase(Locale.ROOT),
                Ids.derive("datashare-order:" + dataset, consumer, orderSeq));
        return gateway.send(dataset, command, signed)
                .map(reply -> ResponseEntity.status(201).body(find(dataset, consumer, orderSeq)));
    }

    @PostMapping("/authorize")
    Mono<PurchaseView> authorize(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, DECIDE_FIELDS);
        String consumer = Params.account("consumer", json.string("consumer"));
        String orderSeq = orderSeq(json);
        boolean approve = json.bool("approve");
        // the provider signs for its own product
        String dataset = datasetOf(consumer, orderSeq, signed.signer(), json.has("productID") ? json.string("productID") : null);
        var command = new DecidePurchase(signed.signer(), signed.nonce(), clock.instant(), dataset, consumer, orderSeq,
                approve, json.string("reason", ""));
        return gateway.send(dataset, command, signed).map(reply -> find(dataset, consumer, orderSeq));
    }

    @PostMapping("/withdraw")
    Mono<PurchaseView> withdraw(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, WITHDRAW_FIELDS);
        String consumer = signedConsumer(json, signed);
        String orderSeq = orderSeq(json);
        String dataset = json.has("productID")
                ? datasetOf(consumer, orderSeq, Params.account("provider", json.string("provider")), json.string("productID"))
                : datasetOf(consumer, orderSeq, null, null);
        var command = new WithdrawPurchase(consumer, signed.nonce(), clock.instant(), dataset, orderSeq,
                json.string("reason", ""));
        return gateway.send(dataset, command, signed).map(reply -> find(dataset, consumer, orderSeq));
    }

    @GetMapping("/{consumer}/{orderSeq}")
    PurchaseView show(@PathVariable String consumer, @PathVariable String orderSeq,
            @RequestParam(required = false) String provider, @RequestParam(required = false) String productID) {
        if (!OrderSeq.isValid(orderSeq)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", OrderSeq.RULE);
        }
        if ((provider == null) != (productID == null)) {
            throw ApiException.badRequest("REQUEST.MISSING_PARAMETER", "provider and productID go together");
        }
        String who = Params.account("consumer", consumer);
        String dataset = datasetOf(who, orderSeq, provider == null ? null : Params.account("provider", provider), productID);
        return find(dataset, who, orderSeq);
    }

    /** Orders of every product, oldest first, filtered by provider, consumer and status, in pages from 1. */
    @GetMapping
    OrderQueries.PurchasePage list(@RequestParam(required = false) String provider,
            @RequestParam(required = false) String consumer, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") String currentPage, @RequestParam(defaultValue = "20") String pageSizeNum) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER",
                    "status must be request, ready, finished, failed or canceled");
        }
        return queries.purchases(new OrderQueries.PurchaseFilter(
                        provider == null ? null : Params.account("provider", provider),
                        consumer == null ? null : Params.account("consumer", consumer), status),
                Params.boundedInt("currentPage", currentPage, 1, 1_000_000),
                Params.boundedInt("pageSizeNum", pageSizeNum, 1, 100));
    }

    /** The signer, which a {@code consumer} field, when present, must name. */
    private static String signedConsumer(JsonInput json, SignatureVerifier.SignedRequest signed) {
        if (json.has("consumer") && !Params.account("consumer", json.string("consumer")).equals(signed.signer())) {
            throw new ApiException(403, "ORDER.CONSUMER_NOT_SIGNER", "consumer must be the account that signs");
        }
        return signed.signer();
    }

    private static String orderSeq(JsonInput json) {
        String orderSeq = json.string("orderSeq");
        if (!OrderSeq.isValid(orderSeq)) {
            throw ApiException.badRequest("ORDER.INVALID_ORDER_SEQ", OrderSeq.RULE);
        }
        return orderSeq;
    }

    /**
     * The dataset of the order: the product's when {@code productId} names one, else the one
     * product the consumer used the orderSeq for (two applications that raced past the check in
     * {@link #apply} may have used it for two: then the product must be named).
     */
    private String datasetOf(String consumer, String orderSeq, String provider, String productId) {
        if (productId != null) {
            return DatasetAddress.of(Ids.dataShareProduct(provider, productId));
        }
        var datasets = index.datasetsOfPurchase(Purchase.id(consumer, orderSeq));
        if (datasets.isEmpty()) {
            throw notFound();
        }
        if (datasets.size() > 1) {
            throw new ApiException(409, "ORDER.ORDER_SEQ_AMBIGUOUS", "orderSeq " + orderSeq + " names orders for "
                    + datasets.size() + " products: give the productID (and, to withdraw, the provider)");
        }
        return datasets.first();
    }

    private PurchaseView find(String dataset, String consumer, String orderSeq) {
        return queries.purchase(dataset, consumer, orderSeq).orElseThrow(PurchaseController::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("ORDER.ORDER_NOT_FOUND", "The order does not exist");
    }
}
