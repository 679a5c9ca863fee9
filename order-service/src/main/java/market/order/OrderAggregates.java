package market.order;

import market.order.market.domain.MarketCommand;
import market.order.market.domain.MarketDecider;
import market.order.market.domain.MarketEvent;
import market.order.market.domain.MarketState;
import market.platform.runtime.AggregateType;

/**
 * The order service's aggregate: a dataset's market (its orders and deals), keyed by the dataset
 * address, so matching and "already purchased" need only one aggregate.
 */
public final class OrderAggregates {

    public static final AggregateType<MarketCommand, MarketEvent, MarketState> MARKET =
            new AggregateType<>("market", MarketCommand.class, MarketEvent.class, new MarketDecider());

    private OrderAggregates() {}
}
