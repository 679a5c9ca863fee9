package market.order.market.domain;

import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketCommand.CancelDeal;
import market.order.market.domain.MarketCommand.CancelOrder;
import market.order.market.domain.MarketCommand.CloseMarket;
import market.order.market.domain.MarketCommand.CompleteDeal;
import market.order.market.domain.MarketCommand.OpenMarket;
import market.order.market.domain.MarketCommand.PublishOrder;
import market.order.market.domain.MarketEvent.DealCancelled;
import market.order.market.domain.MarketEvent.DealCompleted;
import market.order.market.domain.MarketEvent.DealCreated;
import market.order.market.domain.MarketEvent.MarketClosed;
import market.order.market.domain.MarketEvent.MarketOpened;
import market.order.market.domain.MarketEvent.OrderCancelled;
import market.order.market.domain.MarketEvent.OrderPublished;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;

/**
 * Rules of a dataset's market. The registry opens it once and closes it for good, closing the
 * orders still open or filled. Only the provider publishes orders (signed by the requesting
 * account, each hash once) and only the signer cancels one. Buying and settling deals follow
 * {@link DealRules}. {@code evolve} keeps each order's remaining volume: a deal takes one unit, a
 * cancelled deal gives it back.
 */
public final class MarketDecider implements Decider<MarketCommand, MarketEvent, MarketState> {

    public static final String NOT_ON_SALE = "The data is not on sale";

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
            return state.removed() ? Decision.accept() : Decision.accept(new MarketClosed(c.dataset(), c.dataId(),
                    c.reason(), state.orders().values().stream().filter(MarketDecider::closable)
                            .map(OrderEntry::orderHash).toList(), c.at()));
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
        return DealRules.cancel((CancelDeal) command, state);
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
            OrderEntry entry = state.orders().get(e.orderHash());
            return state.withOrder(entry.withRemaining(Math.subtractExact(entry.remaining(), 1)))
                    .withDeal(new Deal(e.dealId(), e.orderHash(), e.buyer(), e.provider(), e.price(), e.buyerKey(),
                            DealStatus.PENDING_PAYMENT, null, e.at(), null));
        }
        if (event instanceof DealCompleted e) {
            return state.withDeal(state.deals().get(e.dealId()).completed(e.at()));
        }
        DealCancelled e = (DealCancelled) event;
        OrderEntry entry = state.orders().get(e.orderHash());
        return state.withDeal(state.deals().get(e.dealId()).cancelled(e.reason(), e.at()))
                .withOrder(entry.withRemaining(Math.addExact(entry.remaining(), 1)));
    }
}
