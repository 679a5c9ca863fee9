package market.keeper.storage.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import market.keeper.storage.domain.KeeperReward;
import market.platform.money.Money;
import market.keeper.storage.domain.StorageState;

/**
 * A keeper's reward for its replica of a fragment, as the seed's reward table has it
 * ({@code reward_claimed} is what settlement paid), with the audited days earned so far, what
 * claims in flight hold, and what a claim for the whole period would pay now; amounts as
 * "0.0004 OSB", like every other view.
 */
public record RewardView(
        @JsonProperty("reward_id") long rewardId,
        @JsonProperty("data_id") long dataId,
        @JsonProperty("fragment_no") long fragmentNo,
        @JsonProperty("cluster_id") long clusterId,
        @JsonProperty("idfs_account") String idfsAccount,
        @JsonProperty("reward_total") String rewardTotal,
        @JsonProperty("reward_claimed") String rewardClaimed,
        @JsonProperty("pending") String pending,
        @JsonProperty("earned_days") long earnedDays,
        @JsonProperty("daySingleIDFSfee") String dayFee,
        @JsonProperty("claimable") String claimable) {

    static RewardView of(StorageState state, StorageState.Reward r) {
        return new RewardView(r.rewardId(), state.dataId(), r.fragmentNo(), r.clusterId(), r.idfsAccount(),
                osb(r.rewardTotal()), osb(r.paid()), osb(r.claimed() - r.paid()), r.earnedDays(),
                osb(state.term().dayFee()), osb(KeeperReward.claimable(r, state.term(), state.term().period())));
    }

    static String osb(long units) {
        return Money.ofUnits(units).format();
    }
}
