package market.settlement.account.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import market.platform.money.Money;
import market.platform.runtime.ProjectionListener;
import market.schemas.Topics;
import market.settlement.account.domain.AccountEvent;
import market.settlement.account.domain.AccountEvent.FeeCredited;
import market.settlement.account.domain.AccountEvent.FeeDebited;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.account.domain.AccountEvent.FundsWithdrawn;
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
 * <p>
 * It keeps a small {@link Movement} for each side of a booked event (the event itself, its
 * position, debit or credit) on the list of that side's account, and makes the
 * {@link LedgerEntry}s of a page only when they are read: the texts of two entries per movement
 * would take several times the memory of the event.
 */
@Component
public class LedgerView implements ProjectionListener {

    /** One side of a booked event, where the event is in {@code settlement.events}, and the event. */
    private record Movement(int partition, long offset, AccountEvent event, boolean credit) {}

    /** Who pays whom, how much and why. */
    private record Booking(String from, String to, long units, String cause) {}

    private final Map<String, List<Movement>> movements = new ConcurrentHashMap<>();

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (!(event instanceof AccountEvent movement)) {
            return;
        }
        Booking booking = booking(movement);
        if (booking == null) {
            return; // rejections move nothing and book nothing
        }
        add(booking.from(), new Movement(partition, offset, movement, false));
        add(booking.to(), new Movement(partition, offset, movement, true));
    }

    /** The booking of a movement, or null for an event that moves nothing. */
    private static Booking booking(AccountEvent movement) {
        if (movement instanceof FundsDeposited e) {
            return new Booking(AccountEvent.PAYMENT_RAIL, e.account(), e.amount(), "deposit " + e.depositRef());
        } else if (movement instanceof FundsWithdrawn e) {
            return new Booking(e.account(), AccountEvent.PAYMENT_RAIL, e.amount(), "withdrawal " + e.withdrawalId());
        } else if (movement instanceof FeeDebited e) {
            return new Booking(e.account(), AccountEvent.CLEARING, e.amount(), "storage fee of data " + e.dataId());
        } else if (movement instanceof FeeCredited e) {
            return new Booking(AccountEvent.CLEARING, e.account(), e.amount(), "storage fee of data " + e.dataId());
        } else if (movement instanceof PaymentDebited e) {
            return new Booking(e.account(), AccountEvent.CLEARING, e.amount(), "payment of deal " + e.dealId());
        } else if (movement instanceof PaymentSettled e) {
            return new Booking(AccountEvent.CLEARING, e.account(), e.amount(), "payment of deal " + e.dealId());
        } else if (movement instanceof AccountEvent.AbeKeyPaymentDebited e) {
            return new Booking(e.account(), AccountEvent.CLEARING, e.amount(), "attribute key " + e.orderSeq() + " of "
                    + e.provider());
        } else if (movement instanceof AccountEvent.AbeKeyPaymentSettled e) {
            return new Booking(AccountEvent.CLEARING, e.account(), e.amount(), "attribute key " + e.orderSeq() + " of "
                    + e.account());
        } else if (movement instanceof RewardDebited e) {
            return new Booking(e.account(), AccountEvent.CLEARING, e.amount(), "reward claim " + e.claimId()
                    + " of data " + e.dataId());
        } else if (movement instanceof RewardCredited e) {
            return new Booking(AccountEvent.CLEARING, e.account(), e.amount(), "reward claim " + e.claimId()
                    + " of data " + e.dataId());
        }
        return null;
    }

    private void add(String account, Movement movement) {
        movements.computeIfAbsent(account, a -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(movement);
    }

    /** Entries of one account, and how many it has in all. */
    public record Slice(List<LedgerEntry> entries, int total) {}

    /** The entries of one account, oldest first, from the {@code first}-th, at most {@code limit}. */
    public Slice entriesOf(String account, long first, int limit) {
        List<Movement> list = movements.get(account);
        if (list == null) {
            return new Slice(List.of(), 0);
        }
        List<Movement> page;
        int total;
        synchronized (list) {
            total = list.size();
            int from = (int) Math.min(first, total);
            page = List.copyOf(list.subList(from, (int) Math.min(total, (long) from + limit)));
        }
        return new Slice(page.stream().map(LedgerView::entry).toList(), total);
    }

    /** One side of a movement: the payer's debit (a), the payee's credit (b). */
    private static LedgerEntry entry(Movement movement) {
        Booking booking = booking(movement.event());
        String id = Topics.SETTLEMENT_EVENTS.name() + "-" + movement.partition() + "@" + movement.offset();
        long seconds = movement.event().at().getEpochSecond();
        return movement.credit()
                ? new LedgerEntry(id + "/b", booking.to(), booking.from(), Money.ofUnits(booking.units()).format(),
                        booking.cause(), seconds)
                : new LedgerEntry(id + "/a", booking.from(), booking.to(), Money.ofUnits(-booking.units()).format(),
                        booking.cause(), seconds);
    }
}
