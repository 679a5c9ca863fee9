package market.bench.decider;

import java.util.concurrent.TimeUnit;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketCommand.CompleteDeal;
import market.order.market.domain.MarketDecider;
import market.order.market.domain.MarketEvent;
import market.order.market.domain.MarketState;
import market.platform.domain.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the order service's decider, the step every purchase goes through first.
 * {@code buy}: deciding a buy and folding its {@code DealCreated} into a market that already holds
 * {@code deals} deals. {@code complete}: deciding and folding the {@code CompleteDeal} that
 * settles a pending deal in such a market. The state is never
 * kept, so every call meets a market of exactly that size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MarketBenchmarks {

    @Param({"0", "100000"})
    public int deals;

    private final MarketDecider decider = new MarketDecider();
    private MarketState market;
    private MarketState pending;
    private BuyData buy;
    private CompleteDeal complete;

    @Setup
    public void prepare() {
        market = MarketFixtures.market(1, deals);
        buy = MarketFixtures.buy(MarketFixtures.ZERO_TAG);
        pending = evolve(market, decider.decide(buy, market));
        complete = new CompleteDeal(MarketFixtures.DATASET, buy.dealId(), MarketFixtures.AT);
    }

    @Benchmark
    public MarketState buy() {
        return evolve(market, decider.decide(buy, market));
    }

    @Benchmark
    public MarketState complete() {
        return evolve(pending, decider.decide(complete, pending));
    }

    private MarketState evolve(MarketState state, Decision<MarketEvent> decision) {
        if (!(decision instanceof Decision.Accepted<MarketEvent> accepted) || accepted.events().isEmpty()) {
            throw new IllegalStateException("the benchmark's command was refused: " + decision);
        }
        MarketState next = state;
        for (MarketEvent event : accepted.events()) {
            next = decider.evolve(next, event);
        }
        return next;
    }
}
