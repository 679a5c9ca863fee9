package market.order.view;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import market.order.market.domain.MarketEvent;
import market.order.market.domain.Purchase;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * Fed by the projection of {@code order.events}: which dataset's market holds each order hash,
 * each deal id and each DataShare purchase (a consumer's orderSeq), so a cancel, a decision or a
 * read by hash, id or orderSeq finds the aggregate key.
 */
@Component
public class OrderIndex implements ProjectionListener {

    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Map<Long, String> deals = new ConcurrentHashMap<>();
    private final Map<String, java.util.NavigableSet<String>> purchases = new ConcurrentHashMap<>();

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof MarketEvent.OrderPublished e) {
            orders.put(e.order().orderHash(), e.dataset());
        } else if (event instanceof MarketEvent.DealCreated e) {
            deals.put(e.dealId(), e.dataset());
        } else if (event instanceof MarketEvent.PurchaseApplied e) {
            // one product per orderSeq, unless two applications raced past the check where they entered
            purchases.computeIfAbsent(Purchase.id(e.consumer(), e.orderSeq()),
                    id -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(e.dataset());
        }
    }

    public Optional<String> datasetOfOrder(String orderHash) {
        return Optional.ofNullable(orders.get(orderHash));
    }

    public Optional<String> datasetOfDeal(long dealId) {
        return Optional.ofNullable(deals.get(dealId));
    }

    /** The datasets (in address order) holding a DataShare purchase under {@link Purchase#id}: one, or none. */
    public java.util.SortedSet<String> datasetsOfPurchase(String purchaseId) {
        java.util.NavigableSet<String> datasets = purchases.get(purchaseId);
        return datasets == null ? java.util.Collections.emptySortedSet()
                : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(datasets));
    }
}
