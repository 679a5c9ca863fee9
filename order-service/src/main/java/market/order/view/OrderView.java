package market.order.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import market.order.market.domain.DatasetOrder;
import market.order.market.domain.MarketState;
import market.order.market.domain.OrderEntry;
import market.platform.money.Money;

/**
 * An order in the book, with iExec's field names: {@code datasetprice} in units as signed, and
 * {@code price} as an asset string; {@code remaining} is the volume not yet taken by deals.
 */
public record OrderView(
        @JsonProperty("orderHash") String orderHash,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("data_id") long dataId,
        @JsonProperty("provider") String provider,
        @JsonProperty("datasetprice") long datasetprice,
        @JsonProperty("price") String price,
        @JsonProperty("volume") long volume,
        @JsonProperty("remaining") long remaining,
        @JsonProperty("tag") String tag,
        @JsonProperty("apprestrict") String apprestrict,
        @JsonProperty("workerpoolrestrict") String workerpoolrestrict,
        @JsonProperty("requesterrestrict") String requesterrestrict,
        @JsonProperty("salt") String salt,
        @JsonProperty("sign") String sign,
        @JsonProperty("status") String status,
        @JsonProperty("published_at") long publishedAt) {

    static OrderView of(MarketState market, OrderEntry entry) {
        DatasetOrder o = entry.order();
        return new OrderView(o.orderHash(), o.dataset(), market.dataId(), o.signer(), o.datasetprice(),
                Money.ofUnits(o.datasetprice()).format(), o.volume(), entry.remaining(), o.tag(), o.apprestrict(),
                o.workerpoolrestrict(), o.requesterrestrict(), o.salt(), o.sign(), entry.status().name(),
                entry.publishedAt().getEpochSecond());
    }
}
