package market.registry.datashare.keys.domain;

import java.time.Instant;
import market.registry.dataset.domain.WrappedKey;

/**
 * A provider's keys in the registry's custody: its CP-ABE master key (sealed, with the id that
 * names it) and its watermark key (sealed), each absent until first made.
 */
public record ProviderKeysState(String provider, WrappedKey abeMasterKey, String masterId, Instant abeSince,
        WrappedKey watermarkKey) {

    public static final ProviderKeysState NONE = new ProviderKeysState(null, null, null, null, null);

    public boolean hasAbe() {
        return abeMasterKey != null;
    }

    public boolean hasWatermark() {
        return watermarkKey != null;
    }
}
