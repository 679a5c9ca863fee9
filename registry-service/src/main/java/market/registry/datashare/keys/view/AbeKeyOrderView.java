package market.registry.datashare.keys.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import market.platform.crypto.Hashes;
import market.platform.ids.Did;
import market.registry.datashare.keys.domain.AbeKeyOrder;

/**
 * An abekey-order as the API shows it. {@code sealedUserKey}, the issued key sealed to the
 * buyer's public key, is shown only to the buyer who signs the read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbeKeyOrderView(
        @JsonProperty("provider") String provider,
        @JsonProperty("consumer") String consumer,
        @JsonProperty("orderSeq") String orderSeq,
        @JsonProperty("status") String status,
        @JsonProperty("attributes") String attributes,
        @JsonProperty("grantedAttributes") String grantedAttributes,
        @JsonProperty("reason") String reason,
        @JsonProperty("refusal") String refusal,
        @JsonProperty("masterId") String masterId,
        @JsonProperty("applyTime") long applyTime,
        @JsonProperty("decideTime") Long decideTime,
        @JsonProperty("price") String price,
        @JsonProperty("maxPrice") String maxPrice,
        @JsonProperty("sealedUserKey") String sealedUserKey) {

    public static AbeKeyOrderView of(String provider, AbeKeyOrder order, boolean withKey) {
        return new AbeKeyOrderView(Did.of(provider), order.buyer(), order.orderSeq(), order.status(),
                order.attributes(), order.grantedAttributes(), order.reason(), order.refusal(), order.masterId(),
                order.appliedAt().getEpochSecond(), order.decidedAt() == null ? null : order.decidedAt().getEpochSecond(),
                order.price() == 0 ? null : market.platform.money.Money.ofUnits(order.price()).format(),
                market.platform.money.Money.ofUnits(order.maxPrice()).format(),
                withKey && order.sealedUserKey() != null ? Hashes.toHex0x(order.sealedUserKey()) : null);
    }
}
