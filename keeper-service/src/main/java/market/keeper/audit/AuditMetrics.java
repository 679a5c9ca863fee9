package market.keeper.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import market.keeper.storage.domain.StorageEvent;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * {@code market.keeper.audits} by outcome, passed or failed: the audit outcomes in the whole
 * history of {@code keeper.events}, as the projection has applied them. Gauges of the totals, so
 * every instance and every restart's replay shows the same figures (a dashboard takes the
 * maximum over instances).
 */
@Component
public class AuditMetrics implements ProjectionListener {

    private final AtomicLong passed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public AuditMetrics(MeterRegistry registry) {
        audits(registry, "passed", passed);
        audits(registry, "failed", failed);
    }

    private static void audits(MeterRegistry registry, String outcome, AtomicLong total) {
        Gauge.builder("market.keeper.audits", total, AtomicLong::get)
                .description("replica audits recorded in the whole history, by outcome")
                .tag("service", "keeper").tag("outcome", outcome).register(registry);
    }

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof StorageEvent.AuditPassed) {
            passed.incrementAndGet();
        } else if (event instanceof StorageEvent.AuditFailed) {
            failed.incrementAndGet();
        }
    }
}
