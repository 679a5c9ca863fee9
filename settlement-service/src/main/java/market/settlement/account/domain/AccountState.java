package market.settlement.account.domain;

import java.util.Set;

/**
 * An account's balances: {@code available} can be spent or withdrawn, {@code locked} is held for
 * payments in flight. {@code deposited} and {@code withdrawn} are the running totals the
 * conservation check adds up; {@code depositRefs} makes deposits idempotent.
 */
public record AccountState(long available, long locked, long deposited, long withdrawn, Set<String> depositRefs) {

    public static final AccountState EMPTY = new AccountState(0, 0, 0, 0, Set.of());

    public AccountState {
        depositRefs = Set.copyOf(depositRefs);
    }

    public long total() {
        return Math.addExact(available, locked);
    }
}
