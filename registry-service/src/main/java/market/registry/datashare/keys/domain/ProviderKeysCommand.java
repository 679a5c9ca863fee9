package market.registry.datashare.keys.domain;

import java.time.Instant;
import market.registry.dataset.domain.WrappedKey;

/** Commands on a provider's custody keys, keyed by the provider's address. */
public sealed interface ProviderKeysCommand {

    String provider();

    /** abe-setup: keep {@code sealed}, the provider's CP-ABE master key, unless it has one. */
    record SetUpAbe(String provider, WrappedKey sealed, String masterId, Instant at) implements ProviderKeysCommand {}

    /**
     * abekey-order: {@code buyer} applies to {@code provider} for a key with {@code attributes}
     * (canonical JSON), paying at most {@code maxPrice} (0: only a free key).
     */
    record ApplyAbeKey(String buyer, String provider, String orderSeq, String attributes, String buyerKey, String reason,
            long maxPrice, Instant at) implements ProviderKeysCommand {}

    /**
     * {@code provider} decides {@code buyer}'s order: approved with the attributes granted and,
     * without a price, the user key already sealed to the buyer; with a {@code price} the key is
     * made once the buyer has paid. Or refused for {@code reason}.
     */
    record AuthorizeAbeKey(String provider, String buyer, String orderSeq, boolean approve, String attributes,
            byte[] sealedUserKey, String masterId, String reason, long price, Instant at) implements ProviderKeysCommand {}

    /** Settlement took the price of {@code buyer}'s order: issue the key, made and sealed to the buyer where this entered. */
    record IssuePaidAbeKey(String provider, String buyer, String orderSeq, byte[] sealedUserKey, Instant at)
            implements ProviderKeysCommand {}

    /** Settlement refused the price of {@code buyer}'s order. */
    record FailAbeKeyPayment(String provider, String buyer, String orderSeq, String reason, Instant at)
            implements ProviderKeysCommand {}

    /** Keep {@code sealed}, the provider's watermark key, unless it has one. */
    record SetUpWatermark(String provider, WrappedKey sealed, Instant at) implements ProviderKeysCommand {}
}
