package market.order.market.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's market as its events made it: the dataset and its provider, whether it is on sale
 * or was removed for good, its orders by hash in publication order, and its deals by id in
 * creation order.
 */
public record MarketState(String dataset, long dataId, String provider, boolean onSale, boolean removed,
        Map<String, OrderEntry> orders, Map<Long, Deal> deals) {

    public static final MarketState EMPTY = new MarketState(null, 0, null, false, false, Map.of(), Map.of());

    public MarketState {
        orders = Collections.unmodifiableMap(new LinkedHashMap<>(orders));
        deals = Collections.unmodifiableMap(new LinkedHashMap<>(deals));
    }

    /** True when {@code buyer} has a deal that is paid or waiting for payment. */
    public boolean holdsAccessOrPending(String buyer) {
        return deals.values().stream()
                .anyMatch(deal -> deal.buyer().equals(buyer) && deal.status() != DealStatus.CANCELLED);
    }

    /** Orders with volume left, not cancelled or closed, in publication order. */
    public List<OrderEntry> openOrders() {
        return orders.values().stream().filter(entry -> entry.status() == OrderStatus.OPEN).toList();
    }

    MarketState opened(String dataset, long dataId, String provider) {
        return new MarketState(dataset, dataId, provider, true, false, orders, deals);
    }

    MarketState closed(String dataset, long dataId, List<String> closedOrders) {
        Map<String, OrderEntry> next = new LinkedHashMap<>(orders);
        closedOrders.forEach(hash -> next.computeIfPresent(hash, (key, entry) -> entry.close()));
        return new MarketState(dataset, dataId, provider, false, true, next, deals);
    }

    MarketState withOrder(OrderEntry entry) {
        Map<String, OrderEntry> next = new LinkedHashMap<>(orders);
        next.put(entry.orderHash(), entry);
        return new MarketState(dataset, dataId, provider, onSale, removed, next, deals);
    }

    MarketState withDeal(Deal deal) {
        Map<Long, Deal> next = new LinkedHashMap<>(deals);
        next.put(deal.dealId(), deal);
        return new MarketState(dataset, dataId, provider, onSale, removed, orders, next);
    }
}
