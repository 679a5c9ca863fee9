package market.order.market.domain;

import java.time.Instant;
import java.util.List;

/** Events of a dataset's market. */
public sealed interface MarketEvent {

    String dataset();

    Instant at();

    record MarketOpened(String dataset, long dataId, String provider, Instant at) implements MarketEvent {}

    /** The dataset left the market; {@code closedOrders} were still open or filled, in publication order. */
    record MarketClosed(String dataset, long dataId, String reason, List<String> closedOrders, Instant at)
            implements MarketEvent {
        public MarketClosed {
            closedOrders = List.copyOf(closedOrders);
        }
    }

    record OrderPublished(String dataset, DatasetOrder order, Instant at) implements MarketEvent {}

    record OrderCancelled(String dataset, String orderHash, Instant at) implements MarketEvent {}

    /** One unit of {@code orderHash} is held for {@code buyer} until settlement takes {@code price}. */
    record DealCreated(String dataset, long dataId, long dealId, String orderHash, String buyer, String provider,
            long price, String buyerKey, Instant at) implements MarketEvent {}

    /** The buyer paid and holds access. */
    record DealCompleted(String dataset, long dataId, long dealId, String buyer, String provider, long price,
            String buyerKey, Instant at) implements MarketEvent {}

    /** The payment was refused; the unit goes back to {@code orderHash}. */
    record DealCancelled(String dataset, long dataId, long dealId, String orderHash, String buyer, String reason,
            Instant at) implements MarketEvent {}

    /** The market's dataset is a DataShare product, sold by application at {@code price}. */
    record ProductDescribed(String dataset, long dataId, String provider, String productId, long price, Instant at)
            implements MarketEvent {}

    /** {@code consumer} applied to buy the product (request); an authorization makes deal {@code dealId}. */
    record PurchaseApplied(String dataset, long dataId, String consumer, String orderSeq, String provider,
            String productId, String reason, String buyerKey, long dealId, long price, Instant at)
            implements MarketEvent {}

    /** The provider authorized the application (ready); its {@link DealCreated} follows. */
    record PurchaseAuthorized(String dataset, long dataId, String consumer, String orderSeq, long dealId, Instant at)
            implements MarketEvent {}

    /** The provider refused the application (canceled). */
    record PurchaseRefused(String dataset, long dataId, String consumer, String orderSeq, String reason, Instant at)
            implements MarketEvent {}

    /** The application ended without a deal (canceled): withdrawn by its consumer, or the product closed. */
    record PurchaseCanceled(String dataset, long dataId, String consumer, String orderSeq, String reason, Instant at)
            implements MarketEvent {}
}
