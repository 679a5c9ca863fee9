package market.registry.datashare.keys.domain;

import market.platform.crypto.Hashes;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.platform.ids.Ids;
import market.platform.ids.OrderSeq;
import market.registry.datashare.keys.domain.ProviderKeysCommand.ApplyAbeKey;
import market.registry.datashare.keys.domain.ProviderKeysCommand.AuthorizeAbeKey;
import market.registry.datashare.keys.domain.ProviderKeysCommand.SetUpAbe;
import market.registry.datashare.keys.domain.ProviderKeysCommand.SetUpWatermark;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeKeyApplied;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeKeyIssued;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeKeyPriced;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeKeyRefused;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeMasterKeyCreated;
import market.registry.datashare.keys.domain.ProviderKeysEvent.WatermarkKeyCreated;

/**
 * Rules of a provider's custody keys. Each key is made once, on first use, and then kept; asking
 * again changes nothing (the key first kept is the key), so a retried or repeated abe-setup is
 * answered with the existing master key's id. No command exports a key. A buyer applies for an
 * attribute key (abekey-order) to a provider with a master key, under an orderSeq of its own;
 * the same application again changes nothing, another one under that orderSeq is refused. The
 * provider decides each order once: it issues a key made from the master key it holds, or
 * refuses; or it prices the key, and the key is made and issued only once settlement reports the
 * price paid (a refused payment fails the order).
 */
public final class ProviderKeysDecider implements Decider<ProviderKeysCommand, ProviderKeysEvent, ProviderKeysState> {


    @Override
    public ProviderKeysState initialState() {
        return ProviderKeysState.NONE;
    }

    @Override
    public Decision<ProviderKeysEvent> decide(ProviderKeysCommand command, ProviderKeysState state) {
        if (command instanceof SetUpAbe c) {
            if (state.hasAbe()) {
                return Decision.accept();
            }
            if (!isId(c.masterId())) {
                return Decision.reject(Rejection.invalid("REGISTRY.INVALID_MASTER_ID",
                        "master_id must be 0x and 64 hex digits"));
            }
            return Decision.accept(new AbeMasterKeyCreated(c.provider(), c.sealed(), c.masterId(), c.at()));
        }
        if (command instanceof ApplyAbeKey c) {
            return apply(c, state);
        }
        if (command instanceof AuthorizeAbeKey c) {
            return authorize(c, state);
        }
        if (command instanceof ProviderKeysCommand.IssuePaidAbeKey c) {
            return issuePaid(c, state);
        }
        if (command instanceof ProviderKeysCommand.FailAbeKeyPayment c) {
            return failPayment(c, state);
        }
        SetUpWatermark c = (SetUpWatermark) command;
        return state.hasWatermark() ? Decision.accept()
                : Decision.accept(new WatermarkKeyCreated(c.provider(), c.sealed(), c.at()));
    }

    private static Decision<ProviderKeysEvent> apply(ApplyAbeKey c, ProviderKeysState state) {
        if (!OrderSeq.isValid(c.orderSeq())) {
            return Decision.reject(Rejection.invalid("REGISTRY.INVALID_ORDER_SEQ", OrderSeq.RULE));
        }
        if (!state.hasAbe()) {
            return Decision.reject(Rejection.notFound("REGISTRY.ABE_NOT_SET_UP",
                    "The provider has no ABE master key: abe-setup makes one"));
        }
        if (c.buyer().equals(c.provider())) {
            return Decision.reject(Rejection.forbidden("REGISTRY.OWN_MASTER_KEY",
                    "The provider holds its master key and applies to no one"));
        }
        AbeKeyOrder existing = state.keyOrders().get(AbeKeyOrder.id(c.buyer(), c.orderSeq()));
        if (c.maxPrice() < 0) {
            return Decision.reject(Rejection.invalid("REGISTRY.INVALID_PRICE", "maxPrice must be 0 or more"));
        }
        if (existing != null) {
            return existing.attributes().equals(c.attributes()) && existing.buyerKey().equals(c.buyerKey())
                    && existing.maxPrice() == c.maxPrice()
                    ? Decision.accept()
                    : Decision.reject(Rejection.conflict("REGISTRY.ORDER_EXISTS",
                            "The buyer already has an order " + c.orderSeq() + " with this provider"));
        }
        return Decision.accept(new AbeKeyApplied(c.provider(), c.buyer(), c.orderSeq(), c.attributes(), c.buyerKey(),
                c.reason(), c.maxPrice(), c.at()));
    }

    private static Decision<ProviderKeysEvent> authorize(AuthorizeAbeKey c, ProviderKeysState state) {
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(c.buyer(), c.orderSeq()));
        if (order == null) {
            return Decision.reject(Rejection.notFound("REGISTRY.ORDER_NOT_FOUND", "The order does not exist"));
        }
        if (!order.status().equals(AbeKeyOrder.REQUEST)) {
            return Decision.reject(Rejection.conflict("REGISTRY.ORDER_DECIDED", "The order is already " + order.status()));
        }
        if (!c.approve()) {
            return Decision.accept(new AbeKeyRefused(c.provider(), c.buyer(), c.orderSeq(), c.reason(), c.at()));
        }
        if (c.price() < 0) {
            return Decision.reject(Rejection.invalid("REGISTRY.INVALID_PRICE", "price must be 0 or more"));
        }
        if (c.attributes() == null || c.masterId() == null) {
            return Decision.reject(Rejection.invalid("REGISTRY.KEY_MISSING",
                    "an authorization carries the attributes granted and the master key's id"));
        }
        if (!c.masterId().equals(state.masterId())) {
            return Decision.reject(Rejection.conflict("REGISTRY.MASTER_KEY_MISMATCH",
                    "the key was made from another master key than the provider's"));
        }
        if (c.price() > order.maxPrice()) {
            return Decision.reject(Rejection.conflict("REGISTRY.PRICE_ABOVE_MAX", "The price is above the "
                    + order.maxPrice() + " base units the buyer signed to pay at most"));
        }
        if (c.price() > 0) {
            // the key is made once paid: nothing of it is written before
            return Decision.accept(new AbeKeyPriced(c.provider(), c.buyer(), c.orderSeq(), c.attributes(), c.masterId(),
                    c.price(), paymentId(c.provider(), c.buyer(), c.orderSeq()), c.at()));
        }
        if (c.sealedUserKey() == null || c.sealedUserKey().length == 0) {
            return Decision.reject(Rejection.invalid("REGISTRY.KEY_MISSING", "an authorization carries the issued key"));
        }
        return Decision.accept(new AbeKeyIssued(c.provider(), c.buyer(), c.orderSeq(), c.attributes(),
                c.sealedUserKey(), c.masterId(), c.at()));
    }

    /** What settlement moves the price of {@code buyer}'s order {@code orderSeq} under: one id per order. */
    public static long paymentId(String provider, String buyer, String orderSeq) {
        return Ids.derive("abekey-payment:" + provider, buyer, orderSeq);
    }

    private static Decision<ProviderKeysEvent> issuePaid(ProviderKeysCommand.IssuePaidAbeKey c, ProviderKeysState state) {
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(c.buyer(), c.orderSeq()));
        if (order == null) {
            return Decision.reject(Rejection.notFound("REGISTRY.ORDER_NOT_FOUND", "The order does not exist"));
        }
        if (AbeKeyOrder.FINISHED.equals(order.status())) {
            return Decision.accept();
        }
        if (!AbeKeyOrder.READY.equals(order.status())) {
            return Decision.reject(Rejection.conflict("REGISTRY.ORDER_NOT_READY",
                    "The order is " + order.status() + ", not waiting for its payment"));
        }
        if (c.sealedUserKey() == null || c.sealedUserKey().length == 0) {
            return Decision.reject(Rejection.invalid("REGISTRY.KEY_MISSING", "an issue carries the issued key"));
        }
        return Decision.accept(new AbeKeyIssued(c.provider(), c.buyer(), c.orderSeq(), order.grantedAttributes(),
                c.sealedUserKey(), order.masterId(), c.at()));
    }

    private static Decision<ProviderKeysEvent> failPayment(ProviderKeysCommand.FailAbeKeyPayment c,
            ProviderKeysState state) {
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(c.buyer(), c.orderSeq()));
        if (order == null) {
            return Decision.reject(Rejection.notFound("REGISTRY.ORDER_NOT_FOUND", "The order does not exist"));
        }
        if (AbeKeyOrder.FAILED.equals(order.status())) {
            return Decision.accept();
        }
        if (!AbeKeyOrder.READY.equals(order.status())) {
            return Decision.reject(Rejection.conflict("REGISTRY.ORDER_NOT_READY",
                    "The order is " + order.status() + ", not waiting for its payment"));
        }
        return Decision.accept(new ProviderKeysEvent.AbeKeyPaymentFailed(c.provider(), c.buyer(), c.orderSeq(),
                c.reason(), c.at()));
    }

    private static boolean isId(String id) {
        return id != null && id.startsWith("0x") && Hashes.isSha256Hex(id.substring(2));
    }

    @Override
    public ProviderKeysState evolve(ProviderKeysState state, ProviderKeysEvent event) {
        if (event instanceof AbeMasterKeyCreated e) {
            return new ProviderKeysState(e.provider(), e.sealed(), e.masterId(), e.at(), state.watermarkKey(),
                    state.keyOrders());
        }
        if (event instanceof WatermarkKeyCreated e) {
            return new ProviderKeysState(e.provider(), state.abeMasterKey(), state.masterId(), state.abeSince(),
                    e.sealed(), state.keyOrders());
        }
        if (event instanceof AbeKeyApplied e) {
            return state.withOrder(e.provider(), new AbeKeyOrder(e.buyer(), e.orderSeq(), e.attributes(), e.buyerKey(),
                    e.reason(), AbeKeyOrder.REQUEST, null, null, null, e.at(), null, null, 0, e.maxPrice()));
        }
        if (event instanceof AbeKeyIssued e) {
            AbeKeyOrder o = state.keyOrders().get(AbeKeyOrder.id(e.buyer(), e.orderSeq()));
            // a priced key was decided when it was priced; it is issued when paid
            return state.withOrder(e.provider(), o.decided(AbeKeyOrder.FINISHED, e.attributes(), e.sealedUserKey(),
                    e.masterId(), o.decidedAt() != null ? o.decidedAt() : e.at(), null, o.price()));
        }
        if (event instanceof ProviderKeysEvent.AbeKeyPriced e) {
            AbeKeyOrder o = state.keyOrders().get(AbeKeyOrder.id(e.buyer(), e.orderSeq()));
            return state.withOrder(e.provider(), o.decided(AbeKeyOrder.READY, e.attributes(), null, e.masterId(), e.at(),
                    null, e.price()));
        }
        if (event instanceof ProviderKeysEvent.AbeKeyPaymentFailed e) {
            AbeKeyOrder o = state.keyOrders().get(AbeKeyOrder.id(e.buyer(), e.orderSeq()));
            return state.withOrder(e.provider(), o.decided(AbeKeyOrder.FAILED, o.grantedAttributes(), null, o.masterId(),
                    o.decidedAt(), e.reason(), o.price()));
        }
        AbeKeyRefused e = (AbeKeyRefused) event;
        AbeKeyOrder o = state.keyOrders().get(AbeKeyOrder.id(e.buyer(), e.orderSeq()));
        return state.withOrder(e.provider(), o.decided(AbeKeyOrder.CANCELED, null, null, null, e.at(), e.reason(), 0));
    }
}
