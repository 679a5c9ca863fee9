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
}
