package market.settlement.account.domain;

import java.util.Map;
import java.util.Set;

/**
 * An account's balances: {@code available} can be spent or withdrawn, {@code locked} is held for
 * payments in flight. {@code deposited}, {@code withdrawn}, {@code sentToClearing} and
 * {@code receivedFromClearing} are the running totals the conservation check adds up.
 * {@code deposits} (rail reference to amount), {@code withdrawalIds} and {@code settled} (the
 * causes of fee and deal movements, such as {@code fee-debit:42}) make each movement apply once,
 * even when a request or an event is handled again.
 */
public record AccountState(long available, long locked, long deposited, long withdrawn, long sentToClearing,
        long receivedFromClearing, Map<String, Long> deposits, Set<Long> withdrawalIds, Set<String> settled) {

    public static final AccountState EMPTY =
            new AccountState(0, 0, 0, 0, 0, 0, Map.of(), Set.of(), Set.of());

    public AccountState {
        deposits = Map.copyOf(deposits);
        withdrawalIds = Set.copyOf(withdrawalIds);
        settled = Set.copyOf(settled);
    }

    public long total() {
        return Math.addExact(available, locked);
    }
}
