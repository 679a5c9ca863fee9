package market.registry.datashare.keys.domain;

import java.time.Instant;
import market.registry.dataset.domain.WrappedKey;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * A provider's keys in the registry's custody: its CP-ABE master key (sealed, with the id that
 * names it) and its watermark key (sealed), each absent until first made; and the abekey-orders
 * buyers sent it, by buyer and orderSeq, in a persistent map (an order costs O(log n)).
 */
public record ProviderKeysState(String provider, WrappedKey abeMasterKey, String masterId, Instant abeSince,
        WrappedKey watermarkKey, PMap<String, AbeKeyOrder> keyOrders) {

    public static final ProviderKeysState NONE =
            new ProviderKeysState(null, null, null, null, null, HashTreePMap.empty());

    ProviderKeysState withOrder(String provider, AbeKeyOrder order) {
        return new ProviderKeysState(provider, abeMasterKey, masterId, abeSince, watermarkKey,
                keyOrders.plus(AbeKeyOrder.id(order.buyer(), order.orderSeq()), order));
    }

    public boolean hasAbe() {
        return abeMasterKey != null;
    }

    public boolean hasWatermark() {
        return watermarkKey != null;
    }
}
