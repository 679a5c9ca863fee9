package market.registry.datashare.keys.view;

import java.util.Optional;
import market.platform.config.ServiceRuntime;
import market.registry.RegistryAggregates;
import market.registry.datashare.keys.domain.ProviderKeysState;
import org.springframework.stereotype.Component;

/** Reads providers' custody keys from the registry's projection of {@code registry.events}. */
@Component
public class ProviderKeysQueries {

    private final ServiceRuntime runtime;

    public ProviderKeysQueries(ServiceRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The provider's keys once {@code ready} holds of them: a command that found a key already
     * kept writes nothing, so its answer may come before the projection has seen the key's event.
     * A 503 after five seconds.
     */
    public reactor.core.publisher.Mono<ProviderKeysState> await(String provider,
            java.util.function.Predicate<ProviderKeysState> ready) {
        return reactor.core.publisher.Flux.interval(java.time.Duration.ZERO, java.time.Duration.ofMillis(50))
                .map(tick -> find(provider))
                .filter(found -> found.isPresent() && ready.test(found.get()))
                .map(Optional::get).next()
                .timeout(java.time.Duration.ofSeconds(5), reactor.core.publisher.Mono.error(() ->
                        new market.platform.web.ApiException(503, "REQUEST.NOT_YET_VISIBLE",
                                "the provider's key is not visible yet: retry")));
    }

    /** The provider's keys, sealed as they are kept, or empty when it has none. */
    public Optional<ProviderKeysState> find(String provider) {
        ProviderKeysState state = (ProviderKeysState) runtime.projection().states()
                .state(RegistryAggregates.PROVIDER_KEYS, provider);
        return state.provider() == null ? Optional.empty() : Optional.of(state);
    }
}
