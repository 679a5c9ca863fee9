package market.settlement.account.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import market.platform.money.Money;
import market.platform.runtime.ProjectionListener;
import market.settlement.account.domain.AccountEvent;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.account.domain.AccountEvent.FundsWithdrawn;
import market.settlement.account.domain.AccountEvent.FeeCredited;
import market.settlement.account.domain.AccountEvent.FeeDebited;
import market.settlement.account.domain.AccountEvent.PaymentDebited;
import market.settlement.account.domain.AccountEvent.PaymentSettled;
import market.settlement.account.domain.AccountEvent.RewardCredited;
import market.settlement.account.domain.AccountEvent.RewardDebited;
import org.springframework.stereotype.Component;

/**
 * The double-entry ledger, fed by the projection of {@code settlement.events}: every movement is
 * booked as a pair of entries, the account against its counterparty, keyed by the event's
 * position. Entries of the payment rail and of clearing are kept too, so their sides balance the
 * accounts: a deposit is rail to account, a fee, a deal price or a keeper's reward is payer to
 * clearing, then clearing to payee.
 */
@Component
public class LedgerView implements ProjectionListener {

    private final Map<String, List<LedgerEntry>> entries = new ConcurrentHashMap<>();

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (!(event instanceof AccountEvent movement)) {
            return;
        }
        String id = "settlement.events-" + partition + "@" + offset;
        long seconds = movement.at().getEpochSecond();
        if (movement instanceof FundsDeposited e) {
            book(id, AccountEvent.PAYMENT_RAIL, e.account(), e.amount(), "deposit " + e.depositRef(), seconds);
        } else if (movement instanceof FundsWithdrawn e) {
            book(id, e.account(), AccountEvent.PAYMENT_RAIL, e.amount(), "withdrawal " + e.withdrawalId(), seconds);
        } else if (movement instanceof FeeDebited e) {
            book(id, e.account(), AccountEvent.CLEARING, e.amount(), "storage fee of data " + e.dataId(), seconds);
        } else if (movement instanceof FeeCredited e) {
            book(id, AccountEvent.CLEARING, e.account(), e.amount(), "storage fee of data " + e.dataId(), seconds);
        } else if (movement instanceof PaymentDebited e) {
            book(id, e.account(), AccountEvent.CLEARING, e.amount(), "payment of deal " + e.dealId(), seconds);
        } else if (movement instanceof PaymentSettled e) {
            book(id, AccountEvent.CLEARING, e.account(), e.amount(), "payment of deal " + e.dealId(), seconds);
        } else if (movement instanceof RewardDebited e) {
            book(id, e.account(), AccountEvent.CLEARING, e.amount(), "reward claim " + e.claimId() + " of data "
                    + e.dataId(), seconds);
        } else if (movement instanceof RewardCredited e) {
            book(id, AccountEvent.CLEARING, e.account(), e.amount(), "reward claim " + e.claimId() + " of data "
                    + e.dataId(), seconds);
        }
        // rejections move nothing and book nothing
    }

    /** Debits {@code from} and credits {@code to} by {@code units}. */
    private void book(String id, String from, String to, long units, String cause, long seconds) {
        add(new LedgerEntry(id + "/a", from, to, Money.ofUnits(-units).format(), cause, seconds));
        add(new LedgerEntry(id + "/b", to, from, Money.ofUnits(units).format(), cause, seconds));
    }

    private void add(LedgerEntry entry) {
        entries.computeIfAbsent(entry.account(), a -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(entry);
    }

    /** The entries of one account, oldest first. */
    public List<LedgerEntry> entriesOf(String account) {
        List<LedgerEntry> list = entries.get(account);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
