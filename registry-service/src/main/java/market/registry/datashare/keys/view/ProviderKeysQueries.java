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

    /** The provider's keys, sealed as they are kept, or empty when it has none. */
    public Optional<ProviderKeysState> find(String provider) {
        ProviderKeysState state = (ProviderKeysState) runtime.projection().states()
                .state(RegistryAggregates.PROVIDER_KEYS, provider);
        return state.provider() == null ? Optional.empty() : Optional.of(state);
    }
}
