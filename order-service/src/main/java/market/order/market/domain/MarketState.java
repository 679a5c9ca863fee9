package market.order.market.domain;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * A dataset's market as its events made it: the dataset and its provider, whether it is on sale
 * or was removed for good, its orders by hash in publication order, its deals by id, and
 * {@code holders}: each buyer with a deal that is paid or waiting for payment, and that deal's
 * id. A DataShare product also has its {@code product} (null for other datasets) and the
 * {@code purchases} consumers applied for. The collections are persistent (structurally shared):
 * an event makes a new version in O(log n) and copies nothing, so a buy costs the same however
 * many deals the market has.
 */
public record MarketState(String dataset, long dataId, String provider, boolean onSale, boolean removed,
        OrderBook orders, PMap<Long, Deal> deals, PMap<String, Long> holders, Product product, Purchases purchases) {

    public static final MarketState EMPTY = new MarketState(null, 0, null, false, false, OrderBook.EMPTY,
            HashTreePMap.empty(), HashTreePMap.empty(), null, Purchases.EMPTY);

    /** A market holding {@code orders} and {@code deals}, its holders taken from the deals, and no product. */
    public MarketState(String dataset, long dataId, String provider, boolean onSale, boolean removed,
            Map<String, OrderEntry> orders, Map<Long, Deal> deals) {
        this(dataset, dataId, provider, onSale, removed, OrderBook.of(orders), HashTreePMap.from(deals),
                HashTreePMap.from(deals.values().stream().filter(deal -> deal.status() != DealStatus.CANCELLED)
                        .collect(Collectors.toMap(Deal::buyer, Deal::dealId))), null, Purchases.EMPTY);
    }

    /** True when {@code buyer} has a deal that is paid or waiting for payment. */
    public boolean holdsAccessOrPending(String buyer) {
        return holders.containsKey(buyer);
    }

    /** Orders with volume left, not cancelled or closed, in publication order. */
    public List<OrderEntry> openOrders() {
        return orders.values().stream().filter(entry -> entry.status() == OrderStatus.OPEN).toList();
    }

    MarketState opened(String dataset, long dataId, String provider) {
        return new MarketState(dataset, dataId, provider, true, false, orders, deals, holders, product, purchases);
    }

    /** The market's dataset is the DataShare product {@code described}, before or after it opens. */
    MarketState described(String dataset, long dataId, String provider, Product described) {
        return new MarketState(dataset, dataId, provider, onSale, removed, orders, deals, holders, described, purchases);
    }

    MarketState withPurchase(Purchase purchase) {
        return new MarketState(dataset, dataId, provider, onSale, removed, orders, deals, holders, product,
                purchases.with(purchase));
    }

    MarketState closed(String dataset, long dataId, List<String> closedOrders) {
        OrderBook next = orders;
        for (String hash : closedOrders) {
            OrderEntry entry = next.get(hash);
            if (entry != null) {
                next = next.with(entry.close());
            }
        }
        return new MarketState(dataset, dataId, provider, false, true, next, deals, holders, product, purchases);
    }

    MarketState withOrder(OrderEntry entry) {
        return new MarketState(dataset, dataId, provider, onSale, removed, orders.with(entry), deals, holders, product,
                purchases);
    }

    /** This market with {@code deal} recorded; its buyer holds it unless it is cancelled. */
    MarketState withDeal(Deal deal) {
        PMap<String, Long> nextHolders = holders;
        if (deal.status() != DealStatus.CANCELLED) {
            nextHolders = holders.plus(deal.buyer(), deal.dealId());
        } else if (Long.valueOf(deal.dealId()).equals(holders.get(deal.buyer()))) {
            nextHolders = holders.minus(deal.buyer());
        }
        return new MarketState(dataset, dataId, provider, onSale, removed, orders, deals.plus(deal.dealId(), deal),
                nextHolders, product, purchases);
    }
}
