package market.order.view;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import market.order.market.domain.MarketEvent;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * {@code market.purchases.completed}: the deals settlement paid (a dataset order's or a DataShare
 * purchase's) in the whole history, as the projection of {@code order.events} has applied them. A
 * gauge of the total, not a counter: every instance, and every restart's replay, shows the same
 * total, so a dashboard takes the maximum over instances.
 */
@Component
public class PurchaseMetrics implements ProjectionListener {

    private final AtomicLong completed = new AtomicLong();

    public PurchaseMetrics(MeterRegistry registry) {
        Gauge.builder("market.purchases.completed", completed, AtomicLong::get)
                .description("deals paid and completed, in the whole history").tag("service", "order").register(registry);
    }

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof MarketEvent.DealCompleted) {
            completed.incrementAndGet();
        }
    }
}
