package market.bench.replay;

import java.math.BigInteger;
import java.util.List;
import market.order.market.OrderSigning;
import market.order.market.domain.DatasetOrder;
import market.order.market.domain.MarketEvent.DealCompleted;
import market.order.market.domain.MarketEvent.DealCreated;
import market.order.market.domain.MarketEvent.MarketOpened;
import market.order.market.domain.MarketEvent.OrderPublished;
import market.order.wire.OrderWire;
import market.platform.crypto.Addresses;
import market.platform.runtime.ServiceModel;
import market.schemas.Topics;

/**
 * order.events: markets, orders, deals. The first stage opens {@code markets} markets, then
 * publishes orders into them in turn; later events are deals, each a {@code DealCreated} and its
 * {@code DealCompleted}, by a buyer of its own on the first order of a market, markets in turn.
 * Orders carry the fields of a signed iExec dataset order; nothing here verifies them (a replay
 * folds, it does not decide).
 */
final class OrderWorkload implements Workload {

    private static final String PROVIDER = Workload.address(0x9a, 1);
    private static final String ZERO_TAG = "0x" + "00".repeat(32);
    private static final String BUYER_KEY = "0x04" + "0c".repeat(64);
    private final long firstStage;
    private final long markets;

    OrderWorkload(long firstStage) {
        this.firstStage = firstStage;
        // every market gets at least ten orders in the first stage
        this.markets = Math.max(1, Math.min(1000, firstStage / 10));
    }

    @Override
    public ServiceModel model() {
        OrderWire wire = new OrderWire(new OrderSigning(BigInteger.valueOf(134),
                "0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f"));
        return new ServiceModel(Topics.ORDER, Topics.ORDER_COMMANDS, Topics.ORDER_EVENTS, Topics.ORDER_REPLIES,
                Topics.ORDER_COMMANDS_DLT, Topics.ORDER_EVENTS_DLT, List.of(), wire, wire);
    }

    @Override
    public String entity() {
        return "order";
    }

    @Override
    public long entities(long events) {
        return Math.max(0, Math.min(events, firstStage) - markets);
    }

    @Override
    public String laterEntity() {
        return "deal";
    }

    @Override
    public long laterEntities(long events) {
        return Math.max(0, events - firstStage) / 2;
    }

    @Override
    public String key(long i) {
        return dataset(i < firstStage ? i % markets : (i - firstStage) / 2 % markets);
    }

    @Override
    public Object event(long i) {
        if (i < markets) {
            return new MarketOpened(dataset(i), dataId(i), PROVIDER, Workload.at(i));
        }
        if (i < firstStage) {
            long market = i % markets;
            return new OrderPublished(dataset(market), order(market, i), Workload.at(i));
        }
        long deal = (i - firstStage) / 2;
        long market = deal % markets;
        String buyer = Workload.address(0xb0, deal);
        if ((i - firstStage) % 2 == 0) {
            return new DealCreated(dataset(market), dataId(market), deal + 1, order(market, markets + market).orderHash(),
                    buyer, PROVIDER, 100, BUYER_KEY, Workload.at(i));
        }
        return new DealCompleted(dataset(market), dataId(market), deal + 1, buyer, PROVIDER, 100, BUYER_KEY,
                Workload.at(i));
    }

    /** The order event {@code i} publishes: the market's first order is the one of event markets + market. */
    private static DatasetOrder order(long market, long i) {
        return new DatasetOrder(dataset(market), 100 + i % 7, 1_000_000_000L, ZERO_TAG, Addresses.ZERO, Addresses.ZERO,
                Addresses.ZERO, Workload.hash(0x5a, i), "0x" + "11".repeat(65), Workload.hash(0x0d, i), PROVIDER);
    }

    private static long dataId(long market) {
        return market + 1;
    }

    private static String dataset(long market) {
        return Workload.address(0xda, market);
    }
}
