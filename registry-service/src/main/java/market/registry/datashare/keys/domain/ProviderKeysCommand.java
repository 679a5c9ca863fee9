package market.registry.datashare.keys.domain;

import java.time.Instant;
import market.registry.dataset.domain.WrappedKey;

/** Commands on a provider's custody keys, keyed by the provider's address. */
public sealed interface ProviderKeysCommand {

    String provider();

    /** abe-setup: keep {@code sealed}, the provider's CP-ABE master key, unless it has one. */
    record SetUpAbe(String provider, WrappedKey sealed, String masterId, Instant at) implements ProviderKeysCommand {}

    /** Keep {@code sealed}, the provider's watermark key, unless it has one. */
    record SetUpWatermark(String provider, WrappedKey sealed, Instant at) implements ProviderKeysCommand {}
}
