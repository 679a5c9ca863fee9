package market.settlement.wire;

import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import market.settlement.account.domain.AccountCommand;
import market.settlement.account.domain.AccountEvent;
import market.settlement.command.ChargeStorageFee;
import market.settlement.command.CollectFee;
import market.settlement.command.CreditPayment;
import market.settlement.command.CreditReward;
import market.settlement.command.Deposit;
import market.settlement.command.PayDeal;
import market.settlement.command.PayReward;
import market.settlement.command.Withdraw;
import market.settlement.event.FeeCredited;
import market.settlement.event.FeeDebited;
import market.settlement.event.FeeRejected;
import market.settlement.event.FundsDeposited;
import market.settlement.event.FundsWithdrawn;
import market.settlement.event.PaymentDebited;
import market.settlement.event.PaymentRejected;
import market.settlement.event.PaymentSettled;
import market.settlement.event.RewardCredited;
import market.settlement.event.RewardDebited;
import market.settlement.event.RewardRejected;
import org.apache.avro.specific.SpecificRecord;

/** Settlement's Avro commands and events to and from their domain records. */
public final class SettlementWire implements ServiceModel.CommandTranslator, ServiceModel.EventTranslator {

    @Override
    public Object toDomain(SpecificRecord command, ReferenceData references) {
        if (command instanceof Deposit c) {
            return new AccountCommand.Deposit(c.getActor(), c.getAccount(), c.getAmount(), c.getDepositRef(),
                    c.getIssuedAt());
        }
        if (command instanceof Withdraw c) {
            return new AccountCommand.Withdraw(c.getActor(), c.getAccount(), c.getAmount(), c.getWithdrawalId(),
                    c.getIssuedAt());
        }
        if (command instanceof ChargeStorageFee c) {
            return new AccountCommand.ChargeStorageFee(c.getAccount(), c.getDataId(), c.getAmount(), c.getIssuedAt());
        }
        if (command instanceof CollectFee c) {
            return new AccountCommand.CollectFee(c.getAccount(), c.getDataId(), c.getPayer(), c.getAmount(),
                    c.getIssuedAt());
        }
        if (command instanceof PayDeal c) {
            return new AccountCommand.PayDeal(c.getAccount(), c.getDealId(), c.getDataId(), c.getDataset(),
                    c.getProvider(), c.getAmount(), c.getIssuedAt());
        }
        if (command instanceof CreditPayment c) {
            return new AccountCommand.CreditPayment(c.getAccount(), c.getDealId(), c.getDataId(), c.getDataset(),
                    c.getBuyer(), c.getAmount(), c.getIssuedAt());
        }
        if (command instanceof PayReward c) {
            return new AccountCommand.PayReward(c.getAccount(), c.getClaimId(), c.getDataId(), c.getKeeper(),
                    c.getAmount(), c.getIssuedAt());
        }
        if (command instanceof CreditReward c) {
            return new AccountCommand.CreditReward(c.getAccount(), c.getClaimId(), c.getDataId(), c.getAmount(),
                    c.getIssuedAt());
        }
        if (command instanceof market.settlement.command.PayAbeKey c) {
            return new AccountCommand.PayAbeKey(c.getAccount(), c.getPaymentId(), c.getProvider(), c.getOrderSeq(),
                    c.getAmount(), c.getIssuedAt());
        }
        if (command instanceof market.settlement.command.CreditAbeKeyPayment c) {
            return new AccountCommand.CreditAbeKeyPayment(c.getAccount(), c.getPaymentId(), c.getBuyer(), c.getOrderSeq(),
                    c.getAmount(), c.getIssuedAt());
        }
        throw new IllegalArgumentException("not a settlement command: " + command.getSchema().getFullName());
    }

    @Override
    public Object toDomain(SpecificRecord event) {
        if (event instanceof FundsDeposited e) {
            return new AccountEvent.FundsDeposited(e.getAccount(), e.getAmount(), e.getDepositRef(), e.getOperator(),
                    e.getTimestamp());
        }
        if (event instanceof FundsWithdrawn e) {
            return new AccountEvent.FundsWithdrawn(e.getAccount(), e.getAmount(), e.getWithdrawalId(), e.getTimestamp());
        }
        if (event instanceof FeeDebited e) {
            return new AccountEvent.FeeDebited(e.getAccount(), e.getDataId(), e.getAmount(), e.getTimestamp());
        }
        if (event instanceof FeeRejected e) {
            return new AccountEvent.FeeRejected(e.getAccount(), e.getDataId(), e.getAmount(), e.getReason(),
                    e.getTimestamp());
        }
        if (event instanceof FeeCredited e) {
            return new AccountEvent.FeeCredited(e.getAccount(), e.getDataId(), e.getPayer(), e.getAmount(),
                    e.getTimestamp());
        }
        if (event instanceof PaymentDebited e) {
            return new AccountEvent.PaymentDebited(e.getAccount(), e.getDealId(), e.getDataId(), e.getDataset(),
                    e.getProvider(), e.getAmount(), e.getTimestamp());
        }
        if (event instanceof PaymentRejected e) {
            return new AccountEvent.PaymentRejected(e.getAccount(), e.getDealId(), e.getDataId(), e.getDataset(),
                    e.getProvider(), e.getAmount(), e.getReason(), e.getTimestamp());
        }
        if (event instanceof PaymentSettled e) {
            return new AccountEvent.PaymentSettled(e.getAccount(), e.getDealId(), e.getDataId(), e.getDataset(),
                    e.getBuyer(), e.getAmount(), e.getTimestamp());
        }
        if (event instanceof RewardDebited e) {
            return new AccountEvent.RewardDebited(e.getAccount(), e.getClaimId(), e.getDataId(), e.getKeeper(),
                    e.getAmount(), e.getTimestamp());
        }
        if (event instanceof RewardRejected e) {
            return new AccountEvent.RewardRejected(e.getAccount(), e.getClaimId(), e.getDataId(), e.getKeeper(),
                    e.getAmount(), e.getReason(), e.getTimestamp());
        }
        if (event instanceof RewardCredited e) {
            return new AccountEvent.RewardCredited(e.getAccount(), e.getClaimId(), e.getDataId(), e.getAmount(),
                    e.getTimestamp());
        }
        if (event instanceof market.settlement.event.AbeKeyPaymentDebited e) {
            return new AccountEvent.AbeKeyPaymentDebited(e.getAccount(), e.getPaymentId(), e.getProvider(),
                    e.getOrderSeq(), e.getAmount(), e.getTimestamp());
        }
        if (event instanceof market.settlement.event.AbeKeyPaymentRejected e) {
            return new AccountEvent.AbeKeyPaymentRejected(e.getAccount(), e.getPaymentId(), e.getProvider(),
                    e.getOrderSeq(), e.getAmount(), e.getReason(), e.getTimestamp());
        }
        if (event instanceof market.settlement.event.AbeKeyPaymentSettled e) {
            return new AccountEvent.AbeKeyPaymentSettled(e.getAccount(), e.getPaymentId(), e.getBuyer(), e.getOrderSeq(),
                    e.getAmount(), e.getTimestamp());
        }
        throw new IllegalArgumentException("not a settlement event: " + event.getSchema().getFullName());
    }

    @Override
    public SpecificRecord toAvro(Object event) {
        if (event instanceof AccountEvent.FundsDeposited e) {
            return new FundsDeposited(e.account(), e.amount(), e.depositRef(), e.operator(), e.at());
        }
        if (event instanceof AccountEvent.FundsWithdrawn e) {
            return new FundsWithdrawn(e.account(), e.amount(), e.withdrawalId(), e.at());
        }
        if (event instanceof AccountEvent.FeeDebited e) {
            return new FeeDebited(e.account(), e.dataId(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.FeeRejected e) {
            return new FeeRejected(e.account(), e.dataId(), e.amount(), e.reason(), e.at());
        }
        if (event instanceof AccountEvent.FeeCredited e) {
            return new FeeCredited(e.account(), e.dataId(), e.payer(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.PaymentDebited e) {
            return new PaymentDebited(e.account(), e.dealId(), e.dataId(), e.dataset(), e.provider(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.PaymentRejected e) {
            return new PaymentRejected(e.account(), e.dealId(), e.dataId(), e.dataset(), e.provider(), e.amount(),
                    e.reason(), e.at());
        }
        if (event instanceof AccountEvent.PaymentSettled e) {
            return new PaymentSettled(e.account(), e.dealId(), e.dataId(), e.dataset(), e.buyer(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.RewardDebited e) {
            return new RewardDebited(e.account(), e.claimId(), e.dataId(), e.keeper(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.RewardRejected e) {
            return new RewardRejected(e.account(), e.claimId(), e.dataId(), e.keeper(), e.amount(), e.reason(), e.at());
        }
        if (event instanceof AccountEvent.RewardCredited e) {
            return new RewardCredited(e.account(), e.claimId(), e.dataId(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.AbeKeyPaymentDebited e) {
            return new market.settlement.event.AbeKeyPaymentDebited(e.account(), e.paymentId(), e.provider(),
                    e.orderSeq(), e.amount(), e.at());
        }
        if (event instanceof AccountEvent.AbeKeyPaymentRejected e) {
            return new market.settlement.event.AbeKeyPaymentRejected(e.account(), e.paymentId(), e.provider(),
                    e.orderSeq(), e.amount(), e.reason(), e.at());
        }
        if (event instanceof AccountEvent.AbeKeyPaymentSettled e) {
            return new market.settlement.event.AbeKeyPaymentSettled(e.account(), e.paymentId(), e.buyer(), e.orderSeq(),
                    e.amount(), e.at());
        }
        throw new IllegalArgumentException("not a settlement event: " + event.getClass().getName());
    }
}
