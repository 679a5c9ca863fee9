package market.settlement.account.domain;

import java.time.Instant;

/**
 * Events of an account. Each is one movement, booked as an entry pair: the account against the
 * payment rail ({@link #PAYMENT_RAIL}).
 */
public sealed interface AccountEvent {

    String PAYMENT_RAIL = "payment-rail";

    String account();

    long amount();

    Instant at();

    record FundsDeposited(String account, long amount, String depositRef, String operator, Instant at)
            implements AccountEvent {}

    record FundsWithdrawn(String account, long amount, long withdrawalId, Instant at) implements AccountEvent {}
}
