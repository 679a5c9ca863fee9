package market.order.view;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import market.order.market.domain.MarketEvent;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * {@code market.purchases.completed}: the deals settlement paid (a dataset order's or a DataShare
 * purchase's), counted as the projection of {@code order.events} applies {@code DealCompleted},
 * so after a restart's replay it is again the number in the whole history.
 */
@Component
public class PurchaseMetrics implements ProjectionListener {

    private final Counter completed;

    public PurchaseMetrics(MeterRegistry registry) {
        this.completed = Counter.builder("market.purchases.completed").description("deals paid and completed")
                .tag("service", "order").register(registry);
    }

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof MarketEvent.DealCompleted) {
            completed.increment();
        }
    }
}
