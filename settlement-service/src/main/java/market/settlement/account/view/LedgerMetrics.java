package market.settlement.account.view;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import market.platform.money.Money;
import org.springframework.stereotype.Component;

/**
 * The ledger's totals as gauges, read from the projection when scraped:
 * {@code market.ledger.in_flight} (OSB debited into clearing and not yet credited out) and
 * {@code market.ledger.balanced} (1 while balances and in-flight amounts equal deposits minus
 * withdrawals, else 0).
 */
@Component
public class LedgerMetrics implements MeterBinder {

    private final AccountQueries queries;

    public LedgerMetrics(AccountQueries queries) {
        this.queries = queries;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("market.ledger.in_flight", queries, q -> Money.parse(q.totals().inFlight()).units()
                        / (double) Money.UNITS_PER_OSB)
                .description("OSB in clearing between a debit and its credit").baseUnit("osb")
                .tag("service", "settlement").register(registry);
        Gauge.builder("market.ledger.balanced", queries, q -> q.totals().balanced() ? 1 : 0)
                .description("1 while the ledger balances").tag("service", "settlement").register(registry);
    }
}
