package market.settlement.account.domain;

import java.time.Instant;

/** Commands on an account aggregate, keyed by its address ({@code osb.trader} for the treasury). */
public sealed interface AccountCommand {

    String account();

    /** deposit: the payment rail credits {@code amount}; a second deposit with the same reference changes nothing. */
    record Deposit(String operator, String account, long amount, String depositRef, Instant at)
            implements AccountCommand {}

    /** withdraw: the owner takes {@code amount} out of the available balance. */
    record Withdraw(String owner, String account, long amount, long withdrawalId, Instant at)
            implements AccountCommand {}
}
