package market.order.market.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import market.order.market.domain.MarketCommand.ApplyPurchase;
import market.order.market.domain.MarketCommand.DecidePurchase;
import market.order.market.domain.MarketCommand.DescribeProduct;
import market.order.market.domain.MarketCommand.WithdrawPurchase;
import market.order.market.domain.MarketEvent.DealCreated;
import market.order.market.domain.MarketEvent.ProductDescribed;
import market.order.market.domain.MarketEvent.PurchaseApplied;
import market.order.market.domain.MarketEvent.PurchaseAuthorized;
import market.order.market.domain.MarketEvent.PurchaseCanceled;
import market.order.market.domain.MarketEvent.PurchaseRefused;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.platform.ids.OrderSeq;

/**
 * The DataShare half of {@link MarketDecider}: purchases by application, as BCS's dataset orders.
 * A consumer applies, signed, under an orderSeq of its own, while the product is on sale; it
 * holds no access, has no other open application here and is not the provider. The same
 * application again changes nothing; another one under that orderSeq is refused. The provider
 * decides each application once: authorizing makes the deal at the product's price in the same
 * decision, so settlement takes the payment and the registry releases the keys as for any deal
 * (or cancels the application, when the consumer bought the data meanwhile through a dataset
 * order); refusing ends it with no deal. A product without a price is not sold by application. The consumer may withdraw an application not yet decided, and
 * closing the product cancels those still waiting.
 */
final class PurchaseRules {

    static final int MAX_REASON = 1024;

    /** How the outcome of an order its consumer withdrew begins. */
    static final String WITHDRAWN = "withdrawn by the consumer";

    private PurchaseRules() {}

    static Decision<MarketEvent> describe(DescribeProduct c, MarketState state) {
        if (state.product() != null) {
            return Decision.accept();
        }
        return Decision.accept(new ProductDescribed(c.dataset(), c.dataId(), c.provider(), c.productId(), c.price(),
                c.at()));
    }

    static Decision<MarketEvent> apply(ApplyPurchase c, MarketState state) {
        if (!OrderSeq.isValid(c.orderSeq())) {
            return Decision.reject(Rejection.invalid("ORDER.INVALID_ORDER_SEQ", OrderSeq.RULE));
        }
        if (c.reason().length() > MAX_REASON) {
            return Decision.reject(invalidReason());
        }
        Purchase existing = state.purchases().get(Purchase.id(c.consumer(), c.orderSeq()));
        if (existing != null) {
            return existing.reason().equals(c.reason()) && existing.buyerKey().equals(c.buyerKey())
                    ? Decision.accept()
                    : Decision.reject(Rejection.conflict("ORDER.ORDER_SEQ_TAKEN",
                            "The consumer already has an order " + c.orderSeq() + " for this product"));
        }
        if (state.product() == null) {
            return Decision.reject(productNotFound());
        }
        if (state.removed()) {
            return Decision.reject(productClosed());
        }
        if (!state.onSale()) {
            return Decision.reject(MarketDecider.notOnSale());
        }
        if (state.product().price() <= 0) {
            return Decision.reject(Rejection.conflict("ORDER.NO_PRICE",
                    "The product has no price to buy it at: it is sold by dataset orders only"));
        }
        if (c.consumer().equals(state.provider())) {
            return Decision.reject(Rejection.forbidden("ORDER.OWN_DATA", "The provider cannot buy its own data"));
        }
        if (state.holdsAccessOrPending(c.consumer())) {
            return Decision.reject(alreadyPurchased());
        }
        if (state.purchases().openOf(c.consumer()).isPresent()) {
            return Decision.reject(Rejection.conflict("ORDER.APPLICATION_OPEN",
                    "The consumer already has an open order " + state.purchases().openOf(c.consumer()).get().orderSeq()
                            + " for this product"));
        }
        if (state.deals().containsKey(c.dealId()) || state.purchases().ofDeal(c.dealId()).isPresent()) {
            return Decision.reject(Rejection.conflict("ORDER.DEAL_ID_TAKEN", "The deal id is taken"));
        }
        return Decision.accept(new PurchaseApplied(c.dataset(), state.dataId(), c.consumer(), c.orderSeq(),
                state.provider(), state.product().productId(), c.reason(), c.buyerKey(), c.dealId(),
                state.product().price(), c.at()));
    }

    static Decision<MarketEvent> decide(DecidePurchase c, MarketState state) {
        Purchase purchase = state.purchases().get(Purchase.id(c.consumer(), c.orderSeq()));
        if (purchase == null) {
            return Decision.reject(orderNotFound());
        }
        if (!c.signer().equals(state.provider())) {
            return Decision.reject(Rejection.forbidden("ORDER.NOT_PROVIDER",
                    "Only provider can authorize or refuse the order"));
        }
        if (c.reason().length() > MAX_REASON) {
            return Decision.reject(invalidReason());
        }
        if (!Purchase.REQUEST.equals(purchase.status())) {
            // the same decision again changes nothing; the other one comes too late
            boolean same = c.approve() ? purchase.authorized() : Purchase.CANCELED.equals(purchase.status());
            return same ? Decision.accept() : Decision.reject(Rejection.conflict("ORDER.ORDER_NOT_PENDING",
                    "The order is " + purchase.status() + ", not waiting for the provider"));
        }
        if (!c.approve()) {
            return Decision.accept(new PurchaseRefused(c.dataset(), state.dataId(), c.consumer(), c.orderSeq(),
                    c.reason(), c.at()));
        }
        if (state.removed()) {
            return Decision.reject(productClosed());
        }
        if (state.holdsAccessOrPending(c.consumer())) {
            // bought meanwhile through a dataset order: this order ends without a second deal
            return Decision.accept(new PurchaseCanceled(c.dataset(), state.dataId(), c.consumer(), c.orderSeq(),
                    MarketDecider.ALREADY_PURCHASED, c.at()));
        }
        return Decision.accept(new PurchaseAuthorized(c.dataset(), state.dataId(), c.consumer(), c.orderSeq(),
                        purchase.dealId(), c.at()),
                new DealCreated(c.dataset(), state.dataId(), purchase.dealId(), "", c.consumer(), state.provider(),
                        purchase.price(), purchase.buyerKey(), c.at()));
    }

    static Decision<MarketEvent> withdraw(WithdrawPurchase c, MarketState state) {
        Purchase purchase = state.purchases().get(Purchase.id(c.consumer(), c.orderSeq()));
        if (purchase == null) {
            return Decision.reject(orderNotFound());
        }
        if (c.reason().length() > MAX_REASON) {
            return Decision.reject(invalidReason());
        }
        if (Purchase.CANCELED.equals(purchase.status())) {
            return Decision.accept();
        }
        if (!Purchase.REQUEST.equals(purchase.status())) {
            return Decision.reject(Rejection.conflict("ORDER.ORDER_NOT_PENDING",
                    "The order is " + purchase.status() + ": only an order waiting for the provider is withdrawn"));
        }
        return Decision.accept(new PurchaseCanceled(c.dataset(), state.dataId(), c.consumer(), c.orderSeq(),
                c.reason().isEmpty() ? WITHDRAWN : WITHDRAWN + ": " + c.reason(), c.at()));
    }

    /** Each application still waiting for the provider, canceled because the product closed for {@code reason}. */
    static List<MarketEvent> cancelWaiting(MarketState state, String dataset, long dataId, String reason, Instant at) {
        List<MarketEvent> canceled = new ArrayList<>();
        state.purchases().values().stream().filter(p -> Purchase.REQUEST.equals(p.status()))
                .sorted(java.util.Comparator.comparing(Purchase::appliedAt).thenComparing(p -> p.id()))
                .forEach(p -> canceled.add(new PurchaseCanceled(dataset, dataId, p.consumer(), p.orderSeq(), reason, at)));
        return canceled;
    }

    static Rejection productClosed() {
        return Rejection.conflict("ORDER.PRODUCT_CLOSED", "The product is closed");
    }

    private static Rejection productNotFound() {
        return Rejection.notFound("ORDER.PRODUCT_NOT_FOUND", "The product does not exist");
    }

    private static Rejection orderNotFound() {
        return Rejection.notFound("ORDER.ORDER_NOT_FOUND", "The order does not exist");
    }

    static Rejection alreadyPurchased() {
        return Rejection.conflict("ORDER.ALREADY_PURCHASED", MarketDecider.ALREADY_PURCHASED);
    }

    private static Rejection invalidReason() {
        return Rejection.invalid("ORDER.INVALID_REASON", "reason is at most " + MAX_REASON + " characters");
    }
}
