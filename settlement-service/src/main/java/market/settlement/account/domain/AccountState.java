package market.settlement.account.domain;

import java.util.Map;
import java.util.Set;

/**
 * An account's balances: {@code available} can be spent or withdrawn, {@code locked} is held for
 * payments in flight. {@code deposited} and {@code withdrawn} are the running totals the
 * conservation check adds up. {@code deposits} (rail reference to amount) and
 * {@code withdrawalIds} make each movement apply once, even when a request is replayed.
 */
public record AccountState(long available, long locked, long deposited, long withdrawn, Map<String, Long> deposits,
        Set<Long> withdrawalIds) {

    public static final AccountState EMPTY = new AccountState(0, 0, 0, 0, Map.of(), Set.of());

    public AccountState {
        deposits = Map.copyOf(deposits);
        withdrawalIds = Set.copyOf(withdrawalIds);
    }

    public long total() {
        return Math.addExact(available, locked);
    }
}
