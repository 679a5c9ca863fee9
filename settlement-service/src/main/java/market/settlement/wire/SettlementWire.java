package market.settlement.wire;

import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import market.settlement.account.domain.AccountCommand;
import market.settlement.account.domain.AccountEvent;
import market.settlement.command.Deposit;
import market.settlement.command.Withdraw;
import market.settlement.event.FundsDeposited;
import market.settlement.event.FundsWithdrawn;
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
        throw new IllegalArgumentException("not a settlement event: " + event.getClass().getName());
    }
}
