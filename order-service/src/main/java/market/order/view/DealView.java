package market.order.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import market.order.market.domain.Deal;
import market.order.market.domain.MarketState;
import market.platform.money.Money;

/**
 * A deal as the API shows it: PENDING_PAYMENT until settlement answers, then COMPLETED, or
 * CANCELLED with the reason; times are epoch seconds.
 */
public record DealView(
        @JsonProperty("deal_id") long dealId,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("data_id") long dataId,
        @JsonProperty("order_hash") String orderHash,
        @JsonProperty("buyer") String buyer,
        @JsonProperty("provider") String provider,
        @JsonProperty("price") String price,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("settled_at") Long settledAt) {

    static DealView of(MarketState market, Deal deal) {
        return new DealView(deal.dealId(), market.dataset(), market.dataId(), deal.orderHash(), deal.buyer(),
                deal.provider(), Money.ofUnits(deal.price()).format(), deal.status().name(), deal.reason(),
                deal.createdAt().getEpochSecond(), deal.settledAt() == null ? null : deal.settledAt().getEpochSecond());
    }
}
