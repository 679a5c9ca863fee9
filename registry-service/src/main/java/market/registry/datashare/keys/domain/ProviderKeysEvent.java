package market.registry.datashare.keys.domain;

import java.time.Instant;
import market.registry.dataset.domain.WrappedKey;

/** Events of a provider's custody keys. */
public sealed interface ProviderKeysEvent {

    String provider();

    record AbeMasterKeyCreated(String provider, WrappedKey sealed, String masterId, Instant at)
            implements ProviderKeysEvent {}

    record WatermarkKeyCreated(String provider, WrappedKey sealed, Instant at) implements ProviderKeysEvent {}
}
