package market.order.market.domain;

import java.time.Instant;

/**
 * One purchase of a dataset: the order it took a unit from, the buyer and the key its access is
 * for, the price, and its settlement: {@code reason} when cancelled, {@code settledAt} once
 * settlement answered (both null while pending).
 */
public record Deal(long dealId, String orderHash, String buyer, String provider, long price, String buyerKey,
        DealStatus status, String reason, Instant createdAt, Instant settledAt) {

    Deal completed(Instant at) {
        return new Deal(dealId, orderHash, buyer, provider, price, buyerKey, DealStatus.COMPLETED, null, createdAt, at);
    }

    Deal cancelled(String why, Instant at) {
        return new Deal(dealId, orderHash, buyer, provider, price, buyerKey, DealStatus.CANCELLED, why, createdAt, at);
    }
}
