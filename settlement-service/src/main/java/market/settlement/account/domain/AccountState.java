package market.settlement.account.domain;

import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * An account's balances: {@code available} can be spent or withdrawn, {@code locked} is held for
 * payments in flight. {@code deposited}, {@code withdrawn}, {@code sentToClearing} and
 * {@code receivedFromClearing} are the running totals the conservation check adds up.
 * {@code deposits} (rail reference to amount), {@code withdrawalIds} and {@code settled} (the
 * causes of fee, deal and reward movements, such as {@code fee-debit:42}) make each movement
 * apply once, even when a request or an event is handled again. They are persistent
 * (structurally shared) collections: recording one more cause makes a new version in O(log n)
 * and copies nothing, however many deals the account was paid for.
 */
public record AccountState(long available, long locked, long deposited, long withdrawn, long sentToClearing,
        long receivedFromClearing, PMap<String, Long> deposits, PSet<Long> withdrawalIds, PSet<String> settled) {

    public static final AccountState EMPTY =
            new AccountState(0, 0, 0, 0, 0, 0, HashTreePMap.empty(), HashTreePSet.empty(), HashTreePSet.empty());

    public long total() {
        return Math.addExact(available, locked);
    }
}
