package market.settlement.account.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import market.platform.money.Money;
import market.settlement.account.domain.AccountState;

/** An account's balances as asset strings. */
public record AccountView(
        @JsonProperty("account") String account,
        @JsonProperty("available") String available,
        @JsonProperty("locked") String locked,
        @JsonProperty("total") String total) {

    public static AccountView of(String account, AccountState state) {
        return new AccountView(account, Money.ofUnits(state.available()).format(),
                Money.ofUnits(state.locked()).format(), Money.ofUnits(state.total()).format());
    }
}
