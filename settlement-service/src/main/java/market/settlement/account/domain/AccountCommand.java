package market.settlement.account.domain;

import java.time.Instant;

/**
 * Commands on an account aggregate, keyed by its address ({@code osb.trader} for the treasury).
 * Deposit and withdraw come from signed requests; the others are saga steps that settlement's
 * reactions issue for events of the registry, the order service and settlement itself.
 */
public sealed interface AccountCommand {

    String account();

    /** deposit: the payment rail credits {@code amount}; a second deposit with the same reference changes nothing. */
    record Deposit(String operator, String account, long amount, String depositRef, Instant at)
            implements AccountCommand {}

    /** withdraw: the owner takes {@code amount} out of the available balance. */
    record Withdraw(String owner, String account, long amount, long withdrawalId, Instant at)
            implements AccountCommand {}

    /** The registry completed a registration: take its storage fee from the provider. */
    record ChargeStorageFee(String account, long dataId, long amount, Instant at) implements AccountCommand {}

    /** A storage fee left its payer: credit it to the treasury. */
    record CollectFee(String account, long dataId, String payer, long amount, Instant at) implements AccountCommand {}

    /** The order service created a deal: take its price from the buyer. */
    record PayDeal(String account, long dealId, long dataId, String dataset, String provider, long amount, Instant at)
            implements AccountCommand {}

    /** A deal's price left the buyer: credit it to the provider. */
    record CreditPayment(String account, long dealId, long dataId, String dataset, String buyer, long amount,
            Instant at) implements AccountCommand {}

    /** A keeper claimed its reward: take the claim's quantity from the treasury. */
    record PayReward(String account, long claimId, long dataId, String keeper, long amount, Instant at)
            implements AccountCommand {}

    /** A claim's quantity left the treasury: credit it to the keeper. */
    record CreditReward(String account, long claimId, long dataId, long amount, Instant at) implements AccountCommand {}

    /** The registry priced an attribute key: take the price from the buyer. */
    record PayAbeKey(String account, long paymentId, String provider, String orderSeq, long amount, Instant at)
            implements AccountCommand {}

    /** An attribute key's price left the buyer: credit it to the provider. */
    record CreditAbeKeyPayment(String account, long paymentId, String buyer, String orderSeq, long amount, Instant at)
            implements AccountCommand {}
}
