package market.keeper.storage.domain;

/**
 * The keeper reward rule of the OSB contract, the one place it lives. A keeper's daily fee for a
 * fragment is {@code daySingleIDFSfee} = (daily registration fee of the data / number of
 * fragments) / 5, 5 being the keepers of a cluster, in integer units rounded down (computed once,
 * by the registry's {@code StorageFee}, and carried here by {@code DataPutOnSale}); what rounding
 * leaves stays in the treasury.
 * <ul>
 * <li>{@code reward_total} = daySingleIDFSfee × period, for each (data, fragment, cluster, keeper)
 * holding a replica;
 * <li>{@code claimkreward(idfs_account, data_id, storagePeriod)} pays, for each of the keeper's
 * rewards on the data, min(audited days of the term so far, storagePeriod, period) ×
 * daySingleIDFSfee, minus what its claims already took, and never less than 0.
 * </ul>
 * Only audited days earn, and a reward earns at most once a storage day, so a fragment earns at
 * most 5 × daySingleIDFSfee a day and the payouts of a dataset never exceed its fee.
 */
public final class KeeperReward {

    private KeeperReward() {}

    /** @throws ArithmeticException when the total does not fit in a {@code long} */
    public static long total(long daySingleIDFSfee, long period) {
        return Math.multiplyExact(daySingleIDFSfee, period);
    }

    /** What a claim counting at most {@code storagePeriod} days may take from {@code reward} now. */
    public static long claimable(StorageState.Reward reward, StorageState.Term term, long storagePeriod) {
        long days = Math.min(Math.min(reward.earnedDays(), storagePeriod), term.period());
        return Math.max(0, Math.multiplyExact(days, term.dayFee()) - reward.claimed());
    }
}
