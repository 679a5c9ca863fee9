package market.settlement.account.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import market.platform.config.ServiceRuntime;
import market.platform.money.Money;
import market.settlement.SettlementAggregates;
import market.settlement.account.domain.AccountState;
import org.springframework.stereotype.Component;

/** Balances, entries and ledger totals from settlement's projection. */
@Component
public class AccountQueries {

    /**
     * The conservation check: the sum of all balances, plus what is in flight between a payer and
     * its payee, equals deposits minus withdrawals.
     *
     * @param balanced whether {@code balances + inFlight == deposits - withdrawals}
     */
    public record Totals(String deposits, String withdrawals, String balances,
            @JsonProperty("in_flight") String inFlight, boolean balanced) {}

    /** One page of entries, and how many there are in all. */
    public record Page(List<LedgerEntry> items, int page, int size, long total) {}

    private final ServiceRuntime runtime;
    private final LedgerView ledger;

    public AccountQueries(ServiceRuntime runtime, LedgerView ledger) {
        this.runtime = runtime;
        this.ledger = ledger;
    }

    public AccountView account(String account) {
        return AccountView.of(account, state(account));
    }

    public Page entries(String account, int page, int size) {
        LedgerView.Slice slice = ledger.entriesOf(account, (long) page * size, size);
        return new Page(slice.entries(), page, size, slice.total());
    }

    public Totals totals() {
        long deposits = 0;
        long withdrawals = 0;
        long balances = 0;
        long inFlight = 0;
        for (AccountState state : runtime.projection().states().all(SettlementAggregates.ACCOUNT).toList()) {
            deposits = Math.addExact(deposits, state.deposited());
            withdrawals = Math.addExact(withdrawals, state.withdrawn());
            balances = Math.addExact(balances, state.total());
            inFlight = Math.addExact(inFlight, state.sentToClearing() - state.receivedFromClearing());
        }
        return new Totals(Money.ofUnits(deposits).format(), Money.ofUnits(withdrawals).format(),
                Money.ofUnits(balances).format(), Money.ofUnits(inFlight).format(),
                balances + inFlight == deposits - withdrawals);
    }

    private AccountState state(String account) {
        return (AccountState) runtime.projection().states().state(SettlementAggregates.ACCOUNT, account);
    }
}
