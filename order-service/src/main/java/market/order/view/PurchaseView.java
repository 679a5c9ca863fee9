package market.order.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import market.order.market.domain.MarketState;
import market.order.market.domain.Purchase;
import market.platform.ids.Did;
import market.platform.money.Money;

/**
 * A DataShare purchase by application as the API shows it: {@code status} is request, ready,
 * finished, failed or canceled, {@code outcome} why it failed or was canceled; {@code dealId} is
 * the deal an authorization makes (the registry releases its keys, wrapped to the consumer's
 * public key, once it is paid); times are epoch seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurchaseView(
        @JsonProperty("consumer") String consumer,
        @JsonProperty("orderSeq") String orderSeq,
        @JsonProperty("provider") String provider,
        @JsonProperty("productID") String productId,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("data_id") long dataId,
        @JsonProperty("price") String price,
        @JsonProperty("reason") String reason,
        @JsonProperty("status") String status,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("deal_id") long dealId,
        @JsonProperty("applyTime") long applyTime,
        @JsonProperty("decideTime") Long decideTime,
        @JsonProperty("settleTime") Long settleTime) {

    static PurchaseView of(MarketState market, Purchase purchase) {
        return new PurchaseView(Did.of(purchase.consumer()), purchase.orderSeq(), Did.of(market.provider()),
                market.product().productId(), market.dataset(), market.dataId(), Money.ofUnits(purchase.price()).format(),
                purchase.reason(), purchase.status(), purchase.outcome(), purchase.dealId(),
                purchase.appliedAt().getEpochSecond(), seconds(purchase.decidedAt()), seconds(purchase.settledAt()));
    }

    private static Long seconds(java.time.Instant at) {
        return at == null ? null : at.getEpochSecond();
    }
}
