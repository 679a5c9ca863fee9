package market.keeper.storage.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import market.keeper.storage.domain.StorageState;

/**
 * A keeper's claim on a dataset: what it asked settlement to pay, its status ({@code pending},
 * {@code paid} or {@code rejected}, with the reason), and one line per reward it took from, as the
 * seed's claim table has it ({@code claim_id}, {@code reward_id}, {@code quantity},
 * {@code timestamp}).
 */
public record ClaimView(
        @JsonProperty("claim_id") long claimId,
        @JsonProperty("data_id") long dataId,
        @JsonProperty("idfs_account") String idfsAccount,
        @JsonProperty("storagePeriod") long storagePeriod,
        @JsonProperty("quantity") String quantity,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("timestamp") long timestamp,
        @JsonProperty("items") List<Item> items) {

    public record Item(
            @JsonProperty("claim_id") long claimId,
            @JsonProperty("reward_id") long rewardId,
            @JsonProperty("fragment_no") long fragmentNo,
            @JsonProperty("quantity") String quantity,
            @JsonProperty("timestamp") long timestamp) {}

    static ClaimView of(long dataId, StorageState.Claim c) {
        long at = c.at().getEpochSecond();
        return new ClaimView(c.claimId(), dataId, c.idfsAccount(), c.storagePeriod(), RewardView.osb(c.quantity()),
                c.status().name().toLowerCase(Locale.ROOT), c.reason(), at, c.items().stream()
                        .map(i -> new Item(c.claimId(), i.rewardId(), i.fragmentNo(), RewardView.osb(i.quantity()), at))
                        .toList());
    }
}
