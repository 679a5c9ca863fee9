package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} on every service after a purchase: commands handled and refused by
 * errorCode, the processor's batch sizes and transaction times, consumer lag per partition, saga
 * step latency, purchases completed, the ledger's in-flight amount, and keeper audits passed.
 */
class MetricsEndToEndTest extends EndToEndTest {

    @Test
    void everyServiceShowsItsMetricsAfterAPurchase() {
        Flows.Listing listing = flows.listed("metrics-key-", 5);
        String dataset = listing.dataset();
        Wallet buyer = Wallet.create();
        flows.deposit(buyer.address(), "3.0000 OSB");
        long dealId = flows.buy(buyer, dataset, "2.5000 OSB").expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        flows.awaitKeys(buyer, listing.dataId());
        // a refused command: the same buyer again
        assertThat(flows.buy(buyer, dataset, "2.5000 OSB").status()).isEqualTo(409);

        for (SignedHttp service : List.of(platform.registry(), platform.settlement(), platform.order(),
                platform.keeper())) {
            String metrics = scrape(service);
            assertThat(value(metrics, "market_commands_total", "outcome=\"accepted\"")).isPositive();
            assertThat(value(metrics, "market_batch_size_count", "loop=\"processor\"")).isPositive();
            assertThat(value(metrics, "market_transaction_seconds_count", "loop=\"processor\"")).isPositive();
            // the client's per-partition metrics are bound a few seconds after its partitions are assigned
            Flows.await("consumer lag per partition", () -> Pattern.compile(
                    "kafka_consumer_fetch_manager_records_lag\\{[^}]*partition=\"\\d+\"").matcher(scrape(service)).find()
                    ? true : null);
        }
        String order = scrape(platform.order());
        assertThat(value(order, "market_commands_total", "outcome=\"refused\"", "error_code=\"ORDER.ALREADY_PURCHASED\""))
                .isPositive();
        assertThat(value(order, "market_purchases_completed")).isPositive();
        assertThat(value(scrape(platform.registry()), "market_saga_step_seconds_count", "event=\"DealCompleted\""))
                .isPositive();
        assertThat(value(scrape(platform.settlement()), "market_saga_step_seconds_count", "event=\"DealCreated\""))
                .isPositive();
        String settlement = scrape(platform.settlement());
        assertThat(settlement).containsPattern("(?m)^market_ledger_in_flight_osb\\{[^}]*\\} 0\\.0$");
        assertThat(value(settlement, "market_ledger_balanced")).isEqualTo(1.0);
        Flows.await("a passed audit in keeper-service's metrics", () ->
                value(scrape(platform.keeper()), "market_keeper_audits", "outcome=\"passed\"") > 0 ? true : null);

        // every series the Grafana dashboard plots is one the services expose
        String all = String.join("\n", scrape(platform.registry()), scrape(platform.settlement()),
                scrape(platform.order()), scrape(platform.keeper()));
        Matcher series = Pattern.compile("\\b(market_[a-z_]+|kafka_[a-z_]+)").matcher(dashboard());
        int plotted = 0;
        while (series.find()) {
            assertThat(all).as("the dashboard's " + series.group(1)).containsPattern("(?m)^" + series.group(1) + "[{ ]");
            plotted++;
        }
        assertThat(plotted).isGreaterThan(10);
    }

    private static String dashboard() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "grafana", "market-dashboard.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String scrape(SignedHttp service) {
        return service.get("/actuator/prometheus").expect(200).body();
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double value(String metrics, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([-0-9.eE+]+)$").matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (sample.find()) {
            String set = sample.group(1) == null ? "" : sample.group(1);
            if (java.util.Arrays.stream(labels).allMatch(set::contains)) {
                sum += Double.parseDouble(sample.group(2));
                found = true;
            }
        }
        assertThat(found).as(name + " " + String.join(",", labels) + " in:\n" + metrics).isTrue();
        return sum;
    }
}
