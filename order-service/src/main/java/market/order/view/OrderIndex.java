package market.order.view;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import market.order.market.domain.MarketEvent;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * Fed by the projection of {@code order.events}: which dataset's market holds each order hash and
 * each deal id, so a cancel or a read by hash or id finds the aggregate key.
 */
@Component
public class OrderIndex implements ProjectionListener {

    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Map<Long, String> deals = new ConcurrentHashMap<>();

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof MarketEvent.OrderPublished e) {
            orders.put(e.order().orderHash(), e.dataset());
        } else if (event instanceof MarketEvent.DealCreated e) {
            deals.put(e.dealId(), e.dataset());
        }
    }

    public Optional<String> datasetOfOrder(String orderHash) {
        return Optional.ofNullable(orders.get(orderHash));
    }

    public Optional<String> datasetOfDeal(long dealId) {
        return Optional.ofNullable(deals.get(dealId));
    }
}
