package market.order.market.domain;

import java.util.ArrayList;
import java.util.List;
import market.order.market.domain.MarketCommand.ApplyPurchase;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketCommand.CancelDeal;
import market.order.market.domain.MarketCommand.CancelOrder;
import market.order.market.domain.MarketCommand.CloseMarket;
import market.order.market.domain.MarketCommand.CompleteDeal;
import market.order.market.domain.MarketCommand.DecidePurchase;
import market.order.market.domain.MarketCommand.DescribeProduct;
import market.order.market.domain.MarketCommand.OpenMarket;
import market.order.market.domain.MarketCommand.PublishOrder;
import market.order.market.domain.MarketCommand.WithdrawPurchase;
import market.order.market.domain.MarketEvent.DealCancelled;
import market.order.market.domain.MarketEvent.DealCompleted;
import market.order.market.domain.MarketEvent.DealCreated;
import market.order.market.domain.MarketEvent.MarketClosed;
import market.order.market.domain.MarketEvent.MarketOpened;
import market.order.market.domain.MarketEvent.OrderCancelled;
import market.order.market.domain.MarketEvent.OrderPublished;
import market.order.market.domain.MarketEvent.ProductDescribed;
import market.order.market.domain.MarketEvent.PurchaseApplied;
import market.order.market.domain.MarketEvent.PurchaseAuthorized;
import market.order.market.domain.MarketEvent.PurchaseCanceled;
import market.order.market.domain.MarketEvent.PurchaseRefused;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;

/**
 * Rules of a dataset's market. The registry opens it once and closes it for good, closing the
 * orders still open or filled and canceling the DataShare applications still waiting. Only the
 * provider publishes orders (signed by the requesting account, each hash once) and only the
 * signer cancels one. Buying and settling deals follow {@link DealRules}, purchases by
 * application {@link PurchaseRules}. {@code evolve} keeps each order's remaining volume (a deal
 * takes one unit, a cancelled deal gives it back; a deal authorized on an application takes none)
 * and each application's status from its deal.
 */
public final class MarketDecider implements Decider<MarketCommand, MarketEvent, MarketState> {

    public static final String NOT_ON_SALE = "The data is not on sale";

    public static final String ALREADY_PURCHASED = "The data has already been purchased";

    /** How the outcome of an order the provider refused begins. */
    public static final String REFUSED = "refused by the provider";

    @Override
    public MarketState initialState() {
        return MarketState.EMPTY;
    }

    @Override
    public Decision<MarketEvent> decide(MarketCommand command, MarketState state) {
        if (command instanceof OpenMarket c) {
            return state.onSale() || state.removed() ? Decision.accept()
                    : Decision.accept(new MarketOpened(c.dataset(), c.dataId(), c.provider(), c.at()));
        }
        if (command instanceof CloseMarket c) {
            if (state.removed()) {
                return Decision.accept();
            }
            List<MarketEvent> events = new ArrayList<>();
            events.add(new MarketClosed(c.dataset(), c.dataId(), c.reason(), state.orders().values().stream()
                    .filter(MarketDecider::closable).map(OrderEntry::orderHash).toList(), c.at()));
            events.addAll(PurchaseRules.cancelWaiting(state, c.dataset(), c.dataId(), c.reason(), c.at()));
            return new Decision.Accepted<>(events);
        }
        if (command instanceof PublishOrder c) {
            return publish(c, state);
        }
        if (command instanceof CancelOrder c) {
            return cancel(c, state);
        }
        if (command instanceof BuyData c) {
            return DealRules.buy(c, state);
        }
        if (command instanceof CompleteDeal c) {
            return DealRules.complete(c, state);
        }
        if (command instanceof CancelDeal c) {
            return DealRules.cancel(c, state);
        }
        if (command instanceof DescribeProduct c) {
            return PurchaseRules.describe(c, state);
        }
        if (command instanceof ApplyPurchase c) {
            return PurchaseRules.apply(c, state);
        }
        if (command instanceof DecidePurchase c) {
            return PurchaseRules.decide(c, state);
        }
        return PurchaseRules.withdraw((WithdrawPurchase) command, state);
    }

    private static boolean closable(OrderEntry entry) {
        return entry.status() == OrderStatus.OPEN || entry.status() == OrderStatus.FILLED;
    }

    private static Decision<MarketEvent> publish(PublishOrder c, MarketState state) {
        DatasetOrder order = c.order();
        if (order.volume() <= 0) {
            return Decision.reject(Rejection.invalid("ORDER.INVALID_VOLUME", "volume must be more than 0"));
        }
        if (order.datasetprice() <= 0) {
            return Decision.reject(Rejection.invalid("ORDER.INVALID_PRICE", "datasetprice must be more than 0"));
        }
        if (!Tags.isBytes32(order.tag())) {
            return Decision.reject(DealRules.invalidTag());
        }
        if (!c.signer().equals(order.signer())) {
            return Decision.reject(Rejection.forbidden("ORDER.SIGNATURE_MISMATCH",
                    "The order is not signed by the requesting account"));
        }
        if (!state.onSale()) {
            return Decision.reject(notOnSale());
        }
        if (!order.signer().equals(state.provider())) {
            return Decision.reject(Rejection.forbidden("ORDER.NOT_PROVIDER", "Only provider can publish orders"));
        }
        if (state.orders().containsKey(order.orderHash())) {
            return Decision.reject(Rejection.conflict("ORDER.ALREADY_PUBLISHED",
                    "The order has already been published"));
        }
        return Decision.accept(new OrderPublished(c.dataset(), order, c.at()));
    }

    private static Decision<MarketEvent> cancel(CancelOrder c, MarketState state) {
        OrderEntry entry = state.orders().get(c.orderHash());
        if (entry == null) {
            return Decision.reject(Rejection.notFound("ORDER.NOT_FOUND", "The order does not exist"));
        }
        if (!c.signer().equals(entry.order().signer())) {
            return Decision.reject(Rejection.forbidden("ORDER.NOT_OWNER", "Only provider can cancel the order"));
        }
        if (entry.status() == OrderStatus.CANCELLED) {
            return Decision.accept();
        }
        if (entry.status() == OrderStatus.CLOSED) {
            return Decision.reject(Rejection.conflict("ORDER.NOT_OPEN", "The order is not open"));
        }
        return Decision.accept(new OrderCancelled(c.dataset(), c.orderHash(), c.at()));
    }

    static Rejection notOnSale() {
        return Rejection.conflict("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
    }

    @Override
    public MarketState evolve(MarketState state, MarketEvent event) {
        if (event instanceof MarketOpened e) {
            return state.opened(e.dataset(), e.dataId(), e.provider());
        }
        if (event instanceof MarketClosed e) {
            return state.closed(e.dataset(), e.dataId(), e.closedOrders());
        }
        if (event instanceof OrderPublished e) {
            return state.withOrder(new OrderEntry(e.order(), state.orders().size(), e.order().volume(), false, false,
                    e.at()));
        }
        if (event instanceof OrderCancelled e) {
            return state.withOrder(state.orders().get(e.orderHash()).cancel());
        }
        if (event instanceof DealCreated e) {
            MarketState next = state.withDeal(new Deal(e.dealId(), e.orderHash(), e.buyer(), e.provider(), e.price(),
                    e.buyerKey(), DealStatus.PENDING_PAYMENT, null, e.at(), null));
            OrderEntry entry = state.orders().get(e.orderHash());
            // a deal authorized on an application takes no unit of an order
            return entry == null ? next : next.withOrder(entry.withRemaining(Math.subtractExact(entry.remaining(), 1)));
        }
        if (event instanceof DealCompleted e) {
            MarketState next = state.withDeal(state.deals().get(e.dealId()).completed(e.at()));
            return state.purchases().ofDeal(e.dealId()).filter(Purchase::authorized)
                    .map(purchase -> next.withPurchase(purchase.finished(e.at()))).orElse(next);
        }
        if (event instanceof DealCancelled e) {
            MarketState next = state.withDeal(state.deals().get(e.dealId()).cancelled(e.reason(), e.at()));
            OrderEntry entry = state.orders().get(e.orderHash());
            if (entry != null) {
                next = next.withOrder(entry.withRemaining(Math.addExact(entry.remaining(), 1)));
            }
            MarketState cancelled = next;
            return state.purchases().ofDeal(e.dealId()).filter(Purchase::authorized)
                    .map(purchase -> cancelled.withPurchase(purchase.failed(e.reason(), e.at()))).orElse(cancelled);
        }
        return evolvePurchase(state, event);
    }

    private static MarketState evolvePurchase(MarketState state, MarketEvent event) {
        if (event instanceof ProductDescribed e) {
            return state.described(e.dataset(), e.dataId(), e.provider(), new Product(e.productId(), e.price()));
        }
        if (event instanceof PurchaseApplied e) {
            return state.withPurchase(new Purchase(e.consumer(), e.orderSeq(), e.reason(), e.buyerKey(), e.dealId(),
                    e.price(), Purchase.REQUEST, null, e.at(), null, null));
        }
        if (event instanceof PurchaseAuthorized e) {
            return state.withPurchase(purchase(state, e.consumer(), e.orderSeq()).authorized(e.at()));
        }
        if (event instanceof PurchaseRefused e) {
            return state.withPurchase(purchase(state, e.consumer(), e.orderSeq()).canceled(
                    e.reason().isEmpty() ? REFUSED : REFUSED + ": " + e.reason(), e.at()));
        }
        PurchaseCanceled e = (PurchaseCanceled) event;
        return state.withPurchase(purchase(state, e.consumer(), e.orderSeq()).canceled(e.reason(), e.at()));
    }

    private static Purchase purchase(MarketState state, String consumer, String orderSeq) {
        return state.purchases().get(Purchase.id(consumer, orderSeq));
    }
}
