package market.explorer;

import java.util.List;
import market.explorer.feed.FeedItem;
import market.explorer.feed.LiveFeed;
import market.explorer.view.DatasetsProjection;
import market.explorer.view.LedgerProjection;
import market.explorer.view.StorageProjection;
import market.explorer.view.TradesProjection;
import market.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the explorer knows: every event read from the four services' events topics goes to the
 * datasets, trades, storage and ledger projections and to the live feed, one at a time; a page
 * reads a consistent overview of all four.
 */
public final class Explorer {

    private final DatasetsProjection datasets = new DatasetsProjection();
    private final TradesProjection trades = new TradesProjection();
    private final StorageProjection storage = new StorageProjection();
    private final LedgerProjection ledger = new LedgerProjection();
    private final LiveFeed feed = new LiveFeed();
    private long events;

    public synchronized void apply(Topic topic, SpecificRecord event) {
        datasets.apply(event);
        trades.apply(event);
        storage.apply(event);
        ledger.apply(event);
        feed.publish(FeedItem.of(++events, topic.name(), event));
    }

    /** The views now, with at most {@code limit} datasets, orders and deals. */
    public synchronized Overview overview(int limit) {
        return new Overview(events, trades.completedDeals(), datasets.newest(limit), trades.orderBook(limit),
                trades.newestDeals(limit), trades.purchases(), storage.clusters(), storage.keepers(), ledger.view());
    }

    public LiveFeed feed() {
        return feed;
    }

    public record Overview(long events, long completedDeals, List<DatasetsProjection.DatasetView> datasets,
            List<TradesProjection.OrderView> orders, List<TradesProjection.DealView> deals,
            List<TradesProjection.PurchasesView> purchases, List<StorageProjection.ClusterView> clusters,
            List<StorageProjection.KeeperView> keepers, LedgerProjection.LedgerView ledger) {}
}
