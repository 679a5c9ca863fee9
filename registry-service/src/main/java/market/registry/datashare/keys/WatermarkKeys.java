package market.registry.datashare.keys;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import market.registry.command.SetUpWatermark;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.dataset.domain.DatasetState;
import market.registry.dataset.domain.WrappedKey;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.datashare.keys.view.ProviderKeysQueries;
import market.registry.datashare.view.DataShareQueries;
import market.registry.datashare.watermark.WatermarkKey;
import market.registry.datashare.watermark.Watermarks.ProviderMarks;
import org.springframework.stereotype.Component;

/**
 * Providers' watermark keys in custody: made and sealed where the first watermark request of a
 * provider enters ({@code SetUpWatermark}), opened only to embed or to read a mark. The
 * candidates of an extraction are, for each provider with a key, the marks of its published
 * products that have a {@code watermarkType}.
 */
@Component
public class WatermarkKeys {

    public static final String PURPOSE = "watermark-key";

    private final KeyCustody custody;
    private final ProviderKeysQueries keys;
    private final DataShareQueries products;
    private final Clock clock;

    public WatermarkKeys(KeyCustody custody, ProviderKeysQueries keys, DataShareQueries products, Clock clock) {
        this.custody = custody;
        this.keys = keys;
        this.products = products;
        this.clock = clock;
    }

    /** A fresh key, and the command that keeps it, sealed, unless the provider has one. */
    public record Fresh(WatermarkKey key, SetUpWatermark command) {}

    public Fresh fresh(String provider, String nonce) {
        WatermarkKey key = WatermarkKey.generate();
        byte[] bytes = key.bytes();
        try {
            WrappedKey sealed = custody.sealSecret(PURPOSE, provider, bytes);
            return new Fresh(key, new SetUpWatermark(provider, nonce, clock.instant(),
                    java.nio.ByteBuffer.wrap(sealed.sealed()), sealed.custodyKeyId()));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The provider's key once the projection shows it (after a {@code SetUpWatermark}). */
    public reactor.core.publisher.Mono<WatermarkKey> await(String provider) {
        return keys.await(provider, ProviderKeysState::hasWatermark).map(this::open);
    }

    /** The provider's key, opened from custody, or empty when it has none yet. */
    public Optional<WatermarkKey> of(String provider) {
        return keys.find(provider).filter(ProviderKeysState::hasWatermark).map(this::open);
    }

    /** Every provider's key with the marks of its watermarked products. */
    public List<ProviderMarks> candidates() {
        Map<String, List<String>> marks = products.products()
                .filter(state -> state.dataShare().product().watermarkType() != null)
                .collect(Collectors.groupingBy(state -> state.registration().provider(),
                        Collectors.mapping(DataShareMark::of, Collectors.toList())));
        List<ProviderMarks> candidates = new ArrayList<>();
        marks.forEach((provider, list) -> of(provider).ifPresent(key -> candidates.add(new ProviderMarks(key, list))));
        return candidates;
    }

    private WatermarkKey open(ProviderKeysState state) {
        byte[] bytes = custody.openSecret(PURPOSE, state.provider(), state.watermarkKey());
        try {
            return new WatermarkKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The mark of a product: {@code <provider DID>_<productID>}. */
    private static final class DataShareMark {
        static String of(DatasetState state) {
            return DataShareProduct.mark(state.registration().provider(), state.dataShare().product().productId());
        }
    }
}
