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
    private final Map<String, String> purchases = new ConcurrentHashMap<>();

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof MarketEvent.OrderPublished e) {
            orders.put(e.order().orderHash(), e.dataset());
        } else if (event instanceof MarketEvent.DealCreated e) {
            deals.put(e.dealId(), e.dataset());
        } else if (event instanceof MarketEvent.PurchaseApplied e) {
            // the first product a consumer used an orderSeq for keeps it
            purchases.putIfAbsent(Purchase.id(e.consumer(), e.orderSeq()), e.dataset());
        }
    }

    public Optional<String> datasetOfOrder(String orderHash) {
        return Optional.ofNullable(orders.get(orderHash));
    }

    public Optional<String> datasetOfDeal(long dealId) {
        return Optional.ofNullable(deals.get(dealId));
    }

    /** The dataset of the DataShare purchase {@link Purchase#id}. */
    public Optional<String> datasetOfPurchase(String purchaseId) {
        return Optional.ofNullable(purchases.get(purchaseId));
    }
}
