package market.registry.datashare.keys.web;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.platform.crypto.Secp256k1;
import market.platform.crypto.abe.AbeAttributes;
import market.platform.crypto.abe.AbeException;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import market.registry.command.ApplyAbeKey;
import market.registry.command.AuthorizeAbeKey;
import market.registry.datashare.keys.AbeUserKeys;
import market.registry.datashare.keys.domain.AbeKeyOrder;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.datashare.keys.view.AbeKeyOrderView;
import market.registry.datashare.keys.view.ProviderKeysQueries;
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
 * abekey-orders. A buyer applies, signed, to a provider for an attribute key
 * ({@code ApplyAbeKey} keyed by the provider); the provider authorizes, possibly with other
 * attributes, or refuses, signed ({@code AuthorizeAbeKey}): an authorization carries the key made
 * here from the master key in custody and sealed to the buyer's public key; one with a
 * {@code price} carries no key, which is made once settlement reports the price paid. Orders are listed
 * by provider, consumer and status; the sealed key is read by its buyer only, signed.
 */
@RestController
@RequestMapping("/v1/datashare/abekey-orders")
class AbeKeyOrderController {

    private static final Set<String> APPLY_FIELDS = Set.of("provider", "consumer", "orderSeq", "attributes", "buyer_key",
            "reason", "maxPrice");
    private static final Set<String> AUTHORIZE_FIELDS = Set.of("consumer", "orderSeq", "approve", "attributes", "reason",
            "price");

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final ProviderKeysQueries queries;
    private final AbeUserKeys userKeys;
    private final Clock clock;

    AbeKeyOrderController(SignatureVerifier verifier, CommandGateway gateway, ProviderKeysQueries queries,
            AbeUserKeys userKeys, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.userKeys = userKeys;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<AbeKeyOrderView>> apply(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, APPLY_FIELDS);
        if (json.has("consumer") && !Params.account("consumer", json.string("consumer")).equals(signed.signer())) {
            throw new ApiException(403, "REGISTRY.CONSUMER_NOT_SIGNER", "consumer must be the account that signs");
        }
        String provider = Params.account("provider", json.string("provider"));
        String buyerKey = json.string("buyer_key");
        if (!signed.signer().equals(Secp256k1.addressOfPublicKeyHex(buyerKey))) {
            throw ApiException.badRequest("REGISTRY.BUYER_KEY_MISMATCH",
                    "buyer_key must be the consumer's secp256k1 public key: 0x and 128 hex digits");
        }
        String orderSeq = json.string("orderSeq");
        String attributes = attributes(json);
        var command = new ApplyAbeKey(signed.signer(), signed.nonce(), clock.instant(), provider, orderSeq, attributes,
                buyerKey.toLowerCase(java.util.Locale.ROOT), json.string("reason", ""),
                json.has("maxPrice") ? json.amount("maxPrice") : 0);
        return gateway.send(provider, command, signed)
                .map(reply -> ResponseEntity.status(201).body(view(provider, signed.signer(), orderSeq, false)));
    }

    @PostMapping("/authorize")
    Mono<AbeKeyOrderView> authorize(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, AUTHORIZE_FIELDS);
        String provider = signed.signer();
        String consumer = Params.account("consumer", json.string("consumer"));
        String orderSeq = json.string("orderSeq");
        boolean approve = json.bool("approve");
        AuthorizeAbeKey.Builder command = AuthorizeAbeKey.newBuilder().setActor(provider).setNonce(signed.nonce())
                .setIssuedAt(clock.instant()).setBuyer(consumer).setOrderSeq(orderSeq).setApprove(approve)
                .setReason(json.string("reason", ""));
        long price = json.has("price") ? json.amount("price") : 0;
        if (approve) {
            ProviderKeysState keys = queries.find(provider).filter(ProviderKeysState::hasAbe).orElseThrow(() ->
                    ApiException.notFound("REGISTRY.ABE_NOT_SET_UP", "The provider has no ABE master key: abe-setup makes one"));
            AbeKeyOrder order = keys.keyOrders().get(AbeKeyOrder.id(consumer, orderSeq));
            if (order == null) {
                throw ApiException.notFound("REGISTRY.ORDER_NOT_FOUND", "The order does not exist");
            }
            String granted = json.has("attributes") ? attributes(json) : order.attributes();
            AbeAttributes parsed = parse(granted);
            command.setAttributes(granted).setMasterId(keys.masterId()).setPrice(price);
            if (price == 0) {
                command.setSealedUserKey(java.nio.ByteBuffer.wrap(
                        userKeys.issueSealed(keys, parsed, consumer, orderSeq, order.buyerKey())));
            }
        }
        return gateway.send(provider, command.build(), signed).map(reply -> view(provider, consumer, orderSeq, false));
    }

    /** abekey-orders of a provider, or of a consumer, optionally by status. */
    @GetMapping
    Map<String, List<AbeKeyOrderView>> list(@RequestParam(required = false) String provider,
            @RequestParam(required = false) String consumer, @RequestParam(required = false) String status) {
        if (provider == null) {
            throw ApiException.badRequest("REQUEST.MISSING_PARAMETER", "abekey-orders are listed by provider");
        }
        if (status != null && !Set.of(AbeKeyOrder.REQUEST, AbeKeyOrder.READY, AbeKeyOrder.FINISHED, AbeKeyOrder.FAILED,
                AbeKeyOrder.CANCELED).contains(status)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER",
                    "status must be request, ready, finished, failed or canceled");
        }
        String address = Params.account("provider", provider);
        String buyer = consumer == null ? null : Params.account("consumer", consumer);
        List<AbeKeyOrderView> orders = queries.find(address).map(state -> state.keyOrders().values().stream()
                .filter(o -> buyer == null || o.buyer().equals(buyer))
                .filter(o -> status == null || o.status().equals(status))
                .sorted(Comparator.comparing(AbeKeyOrder::appliedAt).thenComparing(AbeKeyOrder::orderSeq))
                .map(o -> AbeKeyOrderView.of(address, o, false)).toList()).orElse(List.of());
        return Map.of("orders", orders);
    }

    /** One order of the signing consumer, with its sealed key once issued. */
    @GetMapping("/{provider}/{orderSeq}")
    AbeKeyOrderView show(ServerHttpRequest request, @PathVariable String provider, @PathVariable String orderSeq) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, new byte[0]);
        return view(Params.account("provider", provider), signed.signer(), orderSeq, true);
    }

    private AbeKeyOrderView view(String provider, String consumer, String orderSeq, boolean withKey) {
        return queries.find(provider).map(state -> state.keyOrders().get(AbeKeyOrder.id(consumer, orderSeq)))
                .map(order -> AbeKeyOrderView.of(provider, order, withKey)).orElseThrow(() ->
                        ApiException.notFound("REGISTRY.ORDER_NOT_FOUND", "The order does not exist"));
    }

    private static String attributes(JsonInput json) {
        return parse(json.json("attributes")).write().toString();
    }

    private static AbeAttributes parse(String json) {
        try {
            return AbeAttributes.read(json);
        } catch (AbeException e) {
            throw ApiException.badRequest("REGISTRY.INVALID_ATTRIBUTES", e.getMessage());
        }
    }
}
