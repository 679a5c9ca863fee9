package market.settlement.account.domain;

import java.time.Instant;

/**
 * Events of an account. Each movement is booked as an entry pair: deposits and withdrawals
 * against the payment rail ({@link #PAYMENT_RAIL}); fees, deal payments, attribute-key payments and keeper rewards in two steps through
 * {@link #CLEARING}, first out of the payer's account, then into the payee's. What has left a
 * payer and not yet reached its payee is in flight, and the conservation check counts it.
 * Rejections move nothing; they are events so the other services can react.
 */
public sealed interface AccountEvent {

    String PAYMENT_RAIL = "payment-rail";

    String CLEARING = "clearing";

    String account();

    long amount();

    Instant at();

    record FundsDeposited(String account, long amount, String depositRef, String operator, Instant at)
            implements AccountEvent {}

    record FundsWithdrawn(String account, long amount, long withdrawalId, Instant at) implements AccountEvent {}

    record FeeDebited(String account, long dataId, long amount, Instant at) implements AccountEvent {}

    record FeeRejected(String account, long dataId, long amount, String reason, Instant at) implements AccountEvent {}

    record FeeCredited(String account, long dataId, String payer, long amount, Instant at) implements AccountEvent {}

    record PaymentDebited(String account, long dealId, long dataId, String dataset, String provider, long amount,
            Instant at) implements AccountEvent {}

    record PaymentRejected(String account, long dealId, long dataId, String dataset, String provider, long amount,
            String reason, Instant at) implements AccountEvent {}

    record PaymentSettled(String account, long dealId, long dataId, String dataset, String buyer, long amount,
            Instant at) implements AccountEvent {}

    record RewardDebited(String account, long claimId, long dataId, String keeper, long amount, Instant at)
            implements AccountEvent {}

    record RewardRejected(String account, long claimId, long dataId, String keeper, long amount, String reason,
            Instant at) implements AccountEvent {}

    record RewardCredited(String account, long claimId, long dataId, long amount, Instant at) implements AccountEvent {}

    record AbeKeyPaymentDebited(String account, long paymentId, String provider, String orderSeq, long amount,
            Instant at) implements AccountEvent {}

    record AbeKeyPaymentRejected(String account, long paymentId, String provider, String orderSeq, long amount,
            String reason, Instant at) implements AccountEvent {}

    record AbeKeyPaymentSettled(String account, long paymentId, String buyer, String orderSeq, long amount,
            Instant at) implements AccountEvent {}
}
