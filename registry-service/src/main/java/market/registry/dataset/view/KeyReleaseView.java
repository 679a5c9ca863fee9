package market.registry.dataset.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import market.platform.crypto.Hashes;
import market.registry.dataset.domain.DatasetEvent.KeysReleased;

/**
 * The fragment keys released to one buyer for one deal, each an ECIES box sealed to the buyer's
 * public key under {@code KeyRelease.context(data_id, fragment_no)}; only that buyer's wallet
 * opens them.
 */
public record KeyReleaseView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("deal_id") long dealId,
        @JsonProperty("buyer") String buyer,
        @JsonProperty("buyer_key") String buyerKey,
        @JsonProperty("keys") List<Key> keys,
        @JsonProperty("released_at") long releasedAt) {

    public record Key(@JsonProperty("fragment_no") long fragmentNo, @JsonProperty("wrapped_key") String wrappedKey) {}

    static KeyReleaseView of(KeysReleased release) {
        return new KeyReleaseView(release.dataId(), release.dealId(), release.buyer(), release.buyerKey(),
                release.keys().stream().map(k -> new Key(k.fragmentNo(), Hashes.toHex0x(k.box()))).toList(),
                release.at().getEpochSecond());
    }
}
