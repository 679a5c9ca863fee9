package market.settlement.account.domain;

import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.settlement.account.domain.AccountCommand.ChargeStorageFee;
import market.settlement.account.domain.AccountCommand.CollectFee;
import market.settlement.account.domain.AccountCommand.CreditPayment;
import market.settlement.account.domain.AccountCommand.CreditReward;
import market.settlement.account.domain.AccountCommand.Deposit;
import market.settlement.account.domain.AccountCommand.PayDeal;
import market.settlement.account.domain.AccountCommand.PayReward;
import market.settlement.account.domain.AccountCommand.Withdraw;
import market.settlement.account.domain.AccountEvent.FeeCredited;
import market.settlement.account.domain.AccountEvent.FeeDebited;
import market.settlement.account.domain.AccountEvent.FeeRejected;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.account.domain.AccountEvent.FundsWithdrawn;
import market.settlement.account.domain.AccountEvent.PaymentDebited;
import market.settlement.account.domain.AccountEvent.PaymentRejected;
import market.settlement.account.domain.AccountEvent.PaymentSettled;
import market.settlement.account.domain.AccountEvent.RewardCredited;
import market.settlement.account.domain.AccountEvent.RewardDebited;
import market.settlement.account.domain.AccountEvent.RewardRejected;

/**
 * Rules of an account: amounts are positive; a deposit is applied once per rail reference, and a
 * reference never changes its amount; a withdrawal is applied once per id; only the owner
 * withdraws, at most the available balance; a fee, a deal price, an attribute key's price or a
 * keeper's reward claim is taken once per data_id, deal_id, payment_id or claim_id, and only from the available balance (so the
 * treasury never goes below 0), else it is rejected with "insufficient funds"; its credit to the
 * payee is applied once; no balance ever overflows.
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
        if (command instanceof Withdraw withdraw) {
            return withdraw(withdraw, state);
        }
        if (command instanceof ChargeStorageFee c) {
            return debit(state, feeDebit(c.dataId()), c.amount(), () -> new FeeDebited(c.account(), c.dataId(),
                    c.amount(), c.at()), () -> new FeeRejected(c.account(), c.dataId(), c.amount(), INSUFFICIENT_FUNDS,
                    c.at()));
        }
        if (command instanceof PayDeal c) {
            return debit(state, dealDebit(c.dataset(), c.dealId()), c.amount(),
                    () -> new PaymentDebited(c.account(), c.dealId(), c.dataId(), c.dataset(), c.provider(),
                            c.amount(), c.at()),
                    () -> new PaymentRejected(c.account(), c.dealId(), c.dataId(), c.dataset(), c.provider(),
                            c.amount(), INSUFFICIENT_FUNDS, c.at()));
        }
        if (command instanceof PayReward c) {
            return debit(state, rewardDebit(c.claimId()), c.amount(),
                    () -> new RewardDebited(c.account(), c.claimId(), c.dataId(), c.keeper(), c.amount(), c.at()),
                    () -> new RewardRejected(c.account(), c.claimId(), c.dataId(), c.keeper(), c.amount(),
                            INSUFFICIENT_FUNDS, c.at()));
        }
        if (command instanceof CreditReward c) {
            return credit(state, rewardCredit(c.claimId()), c.amount(),
                    new RewardCredited(c.account(), c.claimId(), c.dataId(), c.amount(), c.at()));
        }
        if (command instanceof CollectFee c) {
            return credit(state, feeCredit(c.dataId()), c.amount(),
                    new FeeCredited(c.account(), c.dataId(), c.payer(), c.amount(), c.at()));
        }
        if (command instanceof AccountCommand.PayAbeKey c) {
            return debit(state, keyDebit(c.paymentId()), c.amount(),
                    () -> new AccountEvent.AbeKeyPaymentDebited(c.account(), c.paymentId(), c.provider(), c.orderSeq(),
                            c.amount(), c.at()),
                    () -> new AccountEvent.AbeKeyPaymentRejected(c.account(), c.paymentId(), c.provider(), c.orderSeq(),
                            c.amount(), INSUFFICIENT_FUNDS, c.at()));
        }
        if (command instanceof AccountCommand.CreditAbeKeyPayment c) {
            return credit(state, keyCredit(c.paymentId()), c.amount(), new AccountEvent.AbeKeyPaymentSettled(c.account(),
                    c.paymentId(), c.buyer(), c.orderSeq(), c.amount(), c.at()));
        }
        CreditPayment c = (CreditPayment) command;
        return credit(state, dealCredit(c.dataset(), c.dealId()), c.amount(),
                new PaymentSettled(c.account(), c.dealId(), c.dataId(), c.dataset(), c.buyer(), c.amount(), c.at()));
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
        if (overflows(state, c.amount()) || c.amount() > Long.MAX_VALUE - state.deposited()) {
            return Decision.reject(overflow());
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

    /** Takes {@code amount} once per cause, or rejects it when the available balance is short. */
    private static Decision<AccountEvent> debit(AccountState state, String cause, long amount,
            java.util.function.Supplier<AccountEvent> debited, java.util.function.Supplier<AccountEvent> rejected) {
        if (amount <= 0) {
            return Decision.reject(invalidAmount());
        }
        if (state.settled().contains(cause)) {
            return Decision.accept();
        }
        return Decision.accept(amount <= state.available() ? debited.get() : rejected.get());
    }

    /** Credits {@code amount} once per cause. */
    private static Decision<AccountEvent> credit(AccountState state, String cause, long amount, AccountEvent credited) {
        if (amount <= 0) {
            return Decision.reject(invalidAmount());
        }
        if (state.settled().contains(cause)) {
            return Decision.accept();
        }
        if (overflows(state, amount) || amount > Long.MAX_VALUE - state.receivedFromClearing()) {
            return Decision.reject(overflow());
        }
        return Decision.accept(credited);
    }

    @Override
    public AccountState evolve(AccountState s, AccountEvent event) {
        if (event instanceof FundsDeposited e) {
            return new AccountState(Math.addExact(s.available(), e.amount()), s.locked(),
                    Math.addExact(s.deposited(), e.amount()), s.withdrawn(), s.sentToClearing(),
                    s.receivedFromClearing(), s.deposits().plus(e.depositRef(), e.amount()), s.withdrawalIds(),
                    s.settled());
        }
        if (event instanceof FundsWithdrawn e) {
            return new AccountState(Math.subtractExact(s.available(), e.amount()), s.locked(), s.deposited(),
                    Math.addExact(s.withdrawn(), e.amount()), s.sentToClearing(), s.receivedFromClearing(),
                    s.deposits(), s.withdrawalIds().plus(e.withdrawalId()), s.settled());
        }
        if (event instanceof FeeDebited e) {
            return sent(s, feeDebit(e.dataId()), e.amount());
        }
        if (event instanceof PaymentDebited e) {
            return sent(s, dealDebit(e.dataset(), e.dealId()), e.amount());
        }
        if (event instanceof FeeRejected e) {
            return sent(s, feeDebit(e.dataId()), 0);
        }
        if (event instanceof PaymentRejected e) {
            return sent(s, dealDebit(e.dataset(), e.dealId()), 0);
        }
        if (event instanceof FeeCredited e) {
            return received(s, feeCredit(e.dataId()), e.amount());
        }
        if (event instanceof RewardDebited e) {
            return sent(s, rewardDebit(e.claimId()), e.amount());
        }
        if (event instanceof RewardRejected e) {
            return sent(s, rewardDebit(e.claimId()), 0);
        }
        if (event instanceof RewardCredited e) {
            return received(s, rewardCredit(e.claimId()), e.amount());
        }
        if (event instanceof AccountEvent.AbeKeyPaymentDebited e) {
            return sent(s, keyDebit(e.paymentId()), e.amount());
        }
        if (event instanceof AccountEvent.AbeKeyPaymentRejected e) {
            return sent(s, keyDebit(e.paymentId()), 0);
        }
        if (event instanceof AccountEvent.AbeKeyPaymentSettled e) {
            return received(s, keyCredit(e.paymentId()), e.amount());
        }
        PaymentSettled e = (PaymentSettled) event;
        return received(s, dealCredit(e.dataset(), e.dealId()), e.amount());
    }

    private static AccountState sent(AccountState s, String cause, long amount) {
        return new AccountState(Math.subtractExact(s.available(), amount), s.locked(), s.deposited(), s.withdrawn(),
                Math.addExact(s.sentToClearing(), amount), s.receivedFromClearing(), s.deposits(), s.withdrawalIds(),
                s.settled().plus(cause));
    }

    private static AccountState received(AccountState s, String cause, long amount) {
        return new AccountState(Math.addExact(s.available(), amount), s.locked(), s.deposited(), s.withdrawn(),
                s.sentToClearing(), Math.addExact(s.receivedFromClearing(), amount), s.deposits(), s.withdrawalIds(),
                s.settled().plus(cause));
    }

    static String feeDebit(long dataId) {
        return "fee-debit:" + dataId;
    }

    static String feeCredit(long dataId) {
        return "fee-credit:" + dataId;
    }

    static String rewardDebit(long claimId) {
        return "reward-debit:" + claimId;
    }

    static String rewardCredit(long claimId) {
        return "reward-credit:" + claimId;
    }

    /** An attribute key's payment is named by the id the registry derived from its provider, buyer and orderSeq. */
    static String keyDebit(long paymentId) {
        return "abekey-debit:" + paymentId;
    }

    static String keyCredit(long paymentId) {
        return "abekey-credit:" + paymentId;
    }

    /** A deal is named by its dataset and its id, as the order service keeps it. */
    static String dealDebit(String dataset, long dealId) {
        return "deal-debit:" + dataset + ":" + dealId;
    }

    static String dealCredit(String dataset, long dealId) {
        return "deal-credit:" + dataset + ":" + dealId;
    }

    private static boolean overflows(AccountState state, long amount) {
        return amount > Long.MAX_VALUE - state.total();
    }

    private static Rejection overflow() {
        return Rejection.invalid("SETTLEMENT.AMOUNT_OVERFLOW", "the balance would overflow");
    }

    private static Rejection invalidAmount() {
        return Rejection.invalid("SETTLEMENT.INVALID_AMOUNT", "amount must be more than 0");
    }
}
