package market.registry.datashare.keys.web;

import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import market.registry.datashare.keys.AbeMasterKeys;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.datashare.keys.view.ProviderKeysQueries;
import market.registry.datashare.keys.view.ProviderKeysView;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * abe-setup: the signer's CP-ABE master key, made here, sealed with the custody key at once and
 * sent as {@code SetUpAbe} on {@code registry.commands} keyed by the signer's address; the first
 * one kept stays the provider's key, and the answer names it by its id. The master key is never
 * answered, logged or exported: there is no call that reads it.
 */
@RestController
@RequestMapping("/v1/datashare/abe-setup")
class AbeSetupController {


    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final ProviderKeysQueries queries;
    private final AbeMasterKeys masterKeys;

    AbeSetupController(SignatureVerifier verifier, CommandGateway gateway, ProviderKeysQueries queries,
            AbeMasterKeys masterKeys) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.masterKeys = masterKeys;
    }

    @PostMapping
    Mono<ProviderKeysView> setUp(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        String text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
        if (!text.isEmpty() && !text.equals("{}")) {
            throw ApiException.badRequest("REQUEST.UNEXPECTED_BODY", "abe-setup takes no fields: the key is made here");
        }
        if (queries.find(signed.signer()).filter(ProviderKeysState::hasAbe).isPresent()) {
            return Mono.just(find(signed.signer()));
        }
        return Mono.fromCallable(() -> masterKeys.setUp(signed.signer(), signed.nonce()))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(command -> gateway.send(signed.signer(), command, signed))
                .then(queries.await(signed.signer(), ProviderKeysState::hasAbe)).map(ProviderKeysView::of);
    }

    @GetMapping("/{provider}")
    ProviderKeysView show(@PathVariable String provider) {
        return find(Params.account("provider", provider));
    }

    private ProviderKeysView find(String provider) {
        return queries.find(provider).filter(state -> state.hasAbe()).map(ProviderKeysView::of).orElseThrow(() ->
                ApiException.notFound("REGISTRY.ABE_NOT_SET_UP", "The provider has no ABE master key: abe-setup makes one"));
    }
}
