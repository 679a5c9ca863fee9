package market.keeper.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import market.keeper.storage.domain.StorageEvent;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * {@code market.keeper.audits} by outcome, passed or failed: the audit outcomes of
 * {@code keeper.events}, counted as the projection applies them (after a restart, the replay
 * counts the whole history again).
 */
@Component
public class AuditMetrics implements ProjectionListener {

    private final Counter passed;
    private final Counter failed;

    public AuditMetrics(MeterRegistry registry) {
        this.passed = audits(registry, "passed");
        this.failed = audits(registry, "failed");
    }

    private static Counter audits(MeterRegistry registry, String outcome) {
        return Counter.builder("market.keeper.audits").description("replica audits recorded, by outcome")
                .tag("service", "keeper").tag("outcome", outcome).register(registry);
    }

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        if (event instanceof StorageEvent.AuditPassed) {
            passed.increment();
        } else if (event instanceof StorageEvent.AuditFailed) {
            failed.increment();
        }
    }
}
