package market.settlement.account.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.settlement.account.domain.AccountCommand.Deposit;
import market.settlement.account.domain.AccountCommand.Withdraw;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.account.domain.AccountEvent.FundsWithdrawn;

/**
 * Rules of an account: amounts are positive; a deposit is applied once per rail reference, and a
 * reference never changes its amount; a withdrawal is applied once per id; only the owner
 * withdraws, at most the available balance; no balance ever overflows.
 */
public final class AccountDecider implements Decider<AccountCommand, AccountEvent, AccountState> {

    public static final String INSUFFICIENT_FUNDS = "insufficient funds";
    private static final int MAX_REF_LENGTH = 128;

    @Override
    public AccountState initialState() {
        return AccountState.EMPTY;
    }

    @Override
    public Decision<AccountEvent> decide(AccountCommand command, AccountState state) {
        if (command.account() == null || command.account().isBlank()) {
            return Decision.reject(Rejection.invalid("SETTLEMENT.INVALID_ACCOUNT", "account is required"));
        }
        if (command instanceof Deposit deposit) {
            return deposit(deposit, state);
        }
        return withdraw((Withdraw) command, state);
    }

    private static Decision<AccountEvent> deposit(Deposit c, AccountState state) {
        if (c.amount() <= 0) {
            return Decision.reject(invalidAmount());
        }
        if (c.depositRef().isBlank() || c.depositRef().length() > MAX_REF_LENGTH) {
            return Decision.reject(Rejection.invalid("SETTLEMENT.INVALID_DEPOSIT_REF",
                    "deposit_ref must be 1 to " + MAX_REF_LENGTH + " characters"));
        }
        Long earlier = state.deposits().get(c.depositRef());
        if (earlier != null) {
            return earlier == c.amount() ? Decision.accept() : Decision.reject(Rejection.conflict(
                    "SETTLEMENT.DEPOSIT_REF_CONFLICT", "deposit_ref was already used for another amount"));
        }
        if (c.amount() > Long.MAX_VALUE - state.total() || c.amount() > Long.MAX_VALUE - state.deposited()) {
            return Decision.reject(Rejection.invalid("SETTLEMENT.AMOUNT_OVERFLOW", "the balance would overflow"));
        }
        return Decision.accept(new FundsDeposited(c.account(), c.amount(), c.depositRef(), c.operator(), c.at()));
    }

    private static Decision<AccountEvent> withdraw(Withdraw c, AccountState state) {
        if (!c.owner().equals(c.account())) {
            return Decision.reject(Rejection.forbidden("SETTLEMENT.NOT_OWNER", "Only the owner can withdraw"));
        }
        if (c.amount() <= 0) {
            return Decision.reject(invalidAmount());
        }
        if (state.withdrawalIds().contains(c.withdrawalId())) {
            return Decision.accept();
        }
        if (c.amount() > state.available()) {
            return Decision.reject(Rejection.conflict("SETTLEMENT.INSUFFICIENT_FUNDS", INSUFFICIENT_FUNDS));
        }
        return Decision.accept(new FundsWithdrawn(c.account(), c.amount(), c.withdrawalId(), c.at()));
    }

    @Override
    public AccountState evolve(AccountState state, AccountEvent event) {
        if (event instanceof FundsDeposited deposited) {
            Map<String, Long> deposits = new HashMap<>(state.deposits());
            deposits.put(deposited.depositRef(), deposited.amount());
            return new AccountState(Math.addExact(state.available(), deposited.amount()), state.locked(),
                    Math.addExact(state.deposited(), deposited.amount()), state.withdrawn(), deposits,
                    state.withdrawalIds());
        }
        FundsWithdrawn withdrawn = (FundsWithdrawn) event;
        Set<Long> withdrawalIds = new HashSet<>(state.withdrawalIds());
        withdrawalIds.add(withdrawn.withdrawalId());
        return new AccountState(Math.subtractExact(state.available(), withdrawn.amount()), state.locked(),
                state.deposited(), Math.addExact(state.withdrawn(), withdrawn.amount()), state.deposits(),
                withdrawalIds);
    }

    private static Rejection invalidAmount() {
        return Rejection.invalid("SETTLEMENT.INVALID_AMOUNT", "amount must be more than 0");
    }
}
