package market.settlement;

import market.platform.runtime.AggregateType;
import market.settlement.account.domain.AccountCommand;
import market.settlement.account.domain.AccountDecider;
import market.settlement.account.domain.AccountEvent;
import market.settlement.account.domain.AccountState;

/** Settlement's aggregates: accounts, keyed by address ({@code osb.trader} for the treasury). */
public final class SettlementAggregates {

    public static final String TREASURY = "osb.trader";

    public static final AggregateType<AccountCommand, AccountEvent, AccountState> ACCOUNT =
            new AggregateType<>("account", AccountCommand.class, AccountEvent.class, new AccountDecider());

    private SettlementAggregates() {}
}
