package market.order.market.domain;

import java.util.Comparator;
import java.util.Optional;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketCommand.CancelDeal;
import market.order.market.domain.MarketCommand.CompleteDeal;
import market.order.market.domain.MarketEvent.DealCancelled;
import market.order.market.domain.MarketEvent.DealCompleted;
import market.order.market.domain.MarketEvent.DealCreated;
import market.platform.crypto.Addresses;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;

/**
 * The deal half of {@link MarketDecider}. A buyer holds at most one paid or pending deal per
 * dataset; the provider never buys its own data. A request matches an open order when the
 * order's {@code datasetprice} is at most {@code maxPrice}, the order's tag has every bit the
 * request's tag has, and the order's {@code requesterrestrict} is zero or the buyer. The
 * {@code apprestrict} and {@code workerpoolrestrict} of an order are not matched: a purchase names
 * no app and no workerpool. Among matches the lowest price wins, then the oldest order. A deal
 * waits for settlement, which completes or cancels it once.
 */
final class DealRules {

    private static final Comparator<OrderEntry> BEST = Comparator
            .comparingLong((OrderEntry entry) -> entry.order().datasetprice()).thenComparingLong(OrderEntry::seq);

    private DealRules() {}

    static Decision<MarketEvent> buy(BuyData c, MarketState state) {
        if (c.maxPrice() <= 0) {
            return Decision.reject(Rejection.invalid("ORDER.INVALID_PRICE", "max price must be more than 0"));
        }
        if (!Tags.isBytes32(c.tag())) {
            return Decision.reject(invalidTag());
        }
        Deal existing = state.deals().get(c.dealId());
        if (existing != null) {
            // the same request again: nothing new; another buyer's id is never taken over
            return existing.buyer().equals(c.buyer()) ? Decision.accept() : Decision.reject(Rejection.conflict(
                    "ORDER.DEAL_ID_TAKEN", "The deal id belongs to another buyer"));
        }
        if (!state.onSale()) {
            return Decision.reject(MarketDecider.notOnSale());
        }
        if (state.holdsAccessOrPending(c.buyer())) {
            return Decision.reject(PurchaseRules.alreadyPurchased());
        }
        if (c.buyer().equals(state.provider())) {
            return Decision.reject(Rejection.forbidden("ORDER.OWN_DATA", "The provider cannot buy its own data"));
        }
        if (state.openOrders().isEmpty()) {
            return Decision.reject(MarketDecider.notOnSale());
        }
        Optional<OrderEntry> best = state.openOrders().stream().filter(entry -> matches(entry.order(), c)).min(BEST);
        if (best.isEmpty()) {
            return Decision.reject(Rejection.conflict("ORDER.NO_MATCH", "No open order matches the request"));
        }
        DatasetOrder order = best.get().order();
        return Decision.accept(new DealCreated(c.dataset(), state.dataId(), c.dealId(), order.orderHash(), c.buyer(),
                state.provider(), order.datasetprice(), c.buyerKey(), c.at()));
    }

    private static boolean matches(DatasetOrder order, BuyData c) {
        return order.datasetprice() <= c.maxPrice() && Tags.isSubset(c.tag(), order.tag())
                && (Addresses.ZERO.equals(order.requesterrestrict()) || c.buyer().equals(order.requesterrestrict()));
    }

    static Decision<MarketEvent> complete(CompleteDeal c, MarketState state) {
        Deal deal = state.deals().get(c.dealId());
        if (deal == null) {
            return Decision.reject(dealNotFound());
        }
        if (deal.status() == DealStatus.COMPLETED) {
            return Decision.accept();
        }
        if (deal.status() == DealStatus.CANCELLED) {
            return Decision.reject(dealNotPending());
        }
        return Decision.accept(new DealCompleted(c.dataset(), state.dataId(), deal.dealId(), deal.buyer(),
                deal.provider(), deal.price(), deal.buyerKey(), c.at()));
    }

    static Decision<MarketEvent> cancel(CancelDeal c, MarketState state) {
        Deal deal = state.deals().get(c.dealId());
        if (deal == null) {
            return Decision.reject(dealNotFound());
        }
        if (deal.status() == DealStatus.CANCELLED) {
            return Decision.accept();
        }
        if (deal.status() == DealStatus.COMPLETED) {
            return Decision.reject(dealNotPending());
        }
        return Decision.accept(new DealCancelled(c.dataset(), state.dataId(), deal.dealId(), deal.orderHash(),
                deal.buyer(), c.reason(), c.at()));
    }

    static Rejection invalidTag() {
        return Rejection.invalid("ORDER.INVALID_TAG", "tag must be 0x and 64 hex digits");
    }

    private static Rejection dealNotFound() {
        return Rejection.notFound("ORDER.DEAL_NOT_FOUND", "The deal does not exist");
    }

    private static Rejection dealNotPending() {
        return Rejection.conflict("ORDER.DEAL_NOT_PENDING", "The deal is not pending payment");
    }
}
