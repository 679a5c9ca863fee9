package market.explorer.view;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.platform.money.Money;
import market.settlement.event.AbeKeyPaymentDebited;
import market.settlement.event.AbeKeyPaymentSettled;
import market.settlement.event.FeeCredited;
import market.settlement.event.FeeDebited;
import market.settlement.event.FundsDeposited;
import market.settlement.event.FundsWithdrawn;
import market.settlement.event.PaymentDebited;
import market.settlement.event.PaymentSettled;
import market.settlement.event.RewardCredited;
import market.settlement.event.RewardDebited;
import org.apache.avro.specific.SpecificRecord;

/**
 * The ledger as {@code settlement.events} tell it: each account's balance, the amount in flight
 * (debited from a payer into clearing, not yet credited to the payee), and what came in and went
 * out through the payment rail. It balances when the balances and the amount in flight add up to
 * deposits minus withdrawals. The events of one movement can sit on two partitions, so while the
 * explorer is catching up the amount in flight can show a credit before its debit.
 */
public final class LedgerProjection {

    private final Map<String, Long> balances = new HashMap<>();
    private long inFlight;
    private long deposited;
    private long withdrawn;

    /** Applies one of settlement-service's events; others are not the ledger's. */
    public void apply(SpecificRecord event) {
        if (event instanceof FundsDeposited e) {
            move(e.getAccount(), e.getAmount());
            deposited += e.getAmount();
        } else if (event instanceof FundsWithdrawn e) {
            move(e.getAccount(), -e.getAmount());
            withdrawn += e.getAmount();
        } else if (event instanceof FeeDebited e) {
            debit(e.getAccount(), e.getAmount());
        } else if (event instanceof FeeCredited e) {
            credit(e.getAccount(), e.getAmount());
        } else if (event instanceof PaymentDebited e) {
            debit(e.getAccount(), e.getAmount());
        } else if (event instanceof PaymentSettled e) {
            credit(e.getAccount(), e.getAmount());
        } else if (event instanceof RewardDebited e) {
            debit(e.getAccount(), e.getAmount());
        } else if (event instanceof RewardCredited e) {
            credit(e.getAccount(), e.getAmount());
        } else if (event instanceof AbeKeyPaymentDebited e) {
            debit(e.getAccount(), e.getAmount());
        } else if (event instanceof AbeKeyPaymentSettled e) {
            credit(e.getAccount(), e.getAmount());
        }
    }

    private void debit(String account, long amount) {
        move(account, -amount);
        inFlight += amount;
    }

    private void credit(String account, long amount) {
        move(account, amount);
        inFlight -= amount;
    }

    private void move(String account, long amount) {
        balances.merge(account, amount, Math::addExact);
    }

    /** The ledger now, accounts by balance, largest first. */
    public LedgerView view() {
        List<AccountView> accounts = balances.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new AccountView(e.getKey(), Money.ofUnits(e.getValue()).format()))
                .toList();
        long held = balances.values().stream().mapToLong(Long::longValue).sum();
        return new LedgerView(accounts, Money.ofUnits(inFlight).format(), Money.ofUnits(deposited).format(),
                Money.ofUnits(withdrawn).format(), held + inFlight == deposited - withdrawn);
    }

    public record AccountView(String account, String balance) {}

    public record LedgerView(List<AccountView> accounts, String inFlight, String deposited, String withdrawn,
            boolean balanced) {}
}
