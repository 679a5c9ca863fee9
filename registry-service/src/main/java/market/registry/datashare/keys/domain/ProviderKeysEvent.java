package market.registry.datashare.keys.domain;

import java.time.Instant;
import market.registry.dataset.domain.WrappedKey;

/** Events of a provider's custody keys. */
public sealed interface ProviderKeysEvent {

    String provider();

    record AbeMasterKeyCreated(String provider, WrappedKey sealed, String masterId, Instant at)
            implements ProviderKeysEvent {}

    record AbeKeyApplied(String provider, String buyer, String orderSeq, String attributes, String buyerKey,
            String reason, long maxPrice, Instant at) implements ProviderKeysEvent {}

    record AbeKeyIssued(String provider, String buyer, String orderSeq, String attributes, byte[] sealedUserKey,
            String masterId, Instant at) implements ProviderKeysEvent {
        public AbeKeyIssued {
            sealedUserKey = sealedUserKey.clone();
        }

        @Override
        public byte[] sealedUserKey() {
            return sealedUserKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AbeKeyIssued o && provider.equals(o.provider) && buyer.equals(o.buyer)
                    && orderSeq.equals(o.orderSeq) && attributes.equals(o.attributes)
                    && java.util.Arrays.equals(sealedUserKey, o.sealedUserKey) && masterId.equals(o.masterId)
                    && at.equals(o.at);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(provider, buyer, orderSeq, at);
        }
    }

    record AbeKeyRefused(String provider, String buyer, String orderSeq, String reason, Instant at)
            implements ProviderKeysEvent {}

    /** The order was authorized at {@code price}: settlement moves it under {@code paymentId}; no key yet. */
    record AbeKeyPriced(String provider, String buyer, String orderSeq, String attributes, String masterId, long price,
            long paymentId, Instant at) implements ProviderKeysEvent {}

    record AbeKeyPaymentFailed(String provider, String buyer, String orderSeq, String reason, Instant at)
            implements ProviderKeysEvent {}

    record WatermarkKeyCreated(String provider, WrappedKey sealed, Instant at) implements ProviderKeysEvent {}
}
