package market.registry.datashare.keys.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import market.platform.ids.Did;
import market.registry.datashare.keys.domain.ProviderKeysState;

/** What anyone may know of a provider's custody keys: that they exist, and the master key's id. Never a key. */
public record ProviderKeysView(
        @JsonProperty("provider") String provider,
        @JsonProperty("providerDID") String providerDid,
        @JsonProperty("abe") boolean abe,
        @JsonProperty("masterId") String masterId,
        @JsonProperty("abeSetupTime") Long abeSetupTime,
        @JsonProperty("watermark") boolean watermark) {

    public static ProviderKeysView of(ProviderKeysState state) {
        return new ProviderKeysView(state.provider(), Did.of(state.provider()), state.hasAbe(), state.masterId(),
                state.abeSince() == null ? null : state.abeSince().getEpochSecond(), state.hasWatermark());
    }
}
