package market.bench.decider;

import java.util.concurrent.TimeUnit;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketDecider;
import market.order.market.domain.MarketEvent;
import market.order.market.domain.MarketState;
import market.platform.domain.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of matching in the order service's decider: a buy request decided against a book
 * of 16 open orders, half of which its tag rules out; the cheapest of the rest wins. The score
 * is matches per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchBenchmark {

    private final MarketDecider decider = new MarketDecider();
    private MarketState book;
    private BuyData taggedBuy;

    @Setup
    public void prepare() {
        book = MarketFixtures.market(16, 0);
        taggedBuy = MarketFixtures.buy("0x" + "00".repeat(31) + "01");
        if (!(decider.decide(taggedBuy, book) instanceof Decision.Accepted<MarketEvent>)) {
            throw new IllegalStateException("the tagged buy matches no order");
        }
    }

    @Benchmark
    public Decision<MarketEvent> match() {
        return decider.decide(taggedBuy, book);
    }
}
