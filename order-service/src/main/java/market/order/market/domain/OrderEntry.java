package market.order.market.domain;

import java.time.Instant;

/**
 * A published order in its market: {@code seq} is its rank in publication order, {@code remaining}
 * the units not held by a pending or completed deal.
 */
public record OrderEntry(DatasetOrder order, long seq, long remaining, boolean cancelled, boolean closed,
        Instant publishedAt) {

    public OrderStatus status() {
        if (cancelled) {
            return OrderStatus.CANCELLED;
        }
        if (closed) {
            return OrderStatus.CLOSED;
        }
        return remaining == 0 ? OrderStatus.FILLED : OrderStatus.OPEN;
    }

    public String orderHash() {
        return order.orderHash();
    }

    OrderEntry withRemaining(long units) {
        return new OrderEntry(order, seq, units, cancelled, closed, publishedAt);
    }

    OrderEntry cancel() {
        return new OrderEntry(order, seq, remaining, true, closed, publishedAt);
    }

    OrderEntry close() {
        return new OrderEntry(order, seq, remaining, cancelled, true, publishedAt);
    }
}
