package market.explorer;

import java.util.List;
import market.explorer.feed.FeedItem;
import market.explorer.feed.LiveFeed;
import market.explorer.view.Ledger;
import market.explorer.view.Market;
import market.explorer.view.Storage;
import market.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the explorer knows: every event read from the four services' events topics goes to the
 * market, storage and ledger views and to the live feed, one at a time; a page reads a
 * consistent overview of all three views.
 */
public final class Explorer {

    private final Market market = new Market();
    private final Storage storage = new Storage();
    private final Ledger ledger = new Ledger();
    private final LiveFeed feed = new LiveFeed();
    private long events;

    public synchronized void apply(Topic topic, SpecificRecord event) {
        market.apply(event);
        storage.apply(event);
        ledger.apply(event);
        feed.publish(FeedItem.of(++events, topic.name(), event));
    }

    /** The views now, with at most {@code limit} datasets, orders and deals. */
    public synchronized Overview overview(int limit) {
        return new Overview(events, market.completedDeals(), market.datasets(limit), market.orderBook(limit),
                market.deals(limit), market.purchases(), storage.clusters(), storage.keepers(), ledger.view());
    }

    public LiveFeed feed() {
        return feed;
    }

    public record Overview(long events, long completedDeals, List<Market.DatasetView> datasets,
            List<Market.OrderView> orders, List<Market.DealView> deals, List<Market.PurchasesView> purchases,
            List<Storage.ClusterView> clusters, List<Storage.KeeperView> keepers, Ledger.LedgerView ledger) {}
}
