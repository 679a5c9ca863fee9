package market.order.saga;

import java.time.Clock;
import java.util.List;
import market.order.command.CancelDeal;
import market.order.command.CloseMarket;
import market.order.command.CompleteDeal;
import market.order.command.DescribeProduct;
import market.order.command.OpenMarket;
import market.platform.ids.DatasetAddress;
import market.platform.runtime.Reactions;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRemoved;
import market.registry.event.DataStorageEnded;
import market.schemas.Topics;
import market.settlement.event.PaymentRejected;
import market.settlement.event.PaymentSettled;
import org.apache.avro.specific.SpecificRecord;

/**
 * The order service's saga steps, each an event turned into a command on {@code order.commands}
 * keyed by dataset address: data on sale opens its market, a described DataShare product gives
 * it its productID and price (for purchases by application), removed data, data whose storage
 * period ended and a closed DataShare product close it for good (its open orders are closed with
 * it; released keys stay), a settled payment completes its deal and a rejected one cancels it. Follows {@code registry.events} and
 * {@code settlement.events}.
 */
public final class OrderReactor implements Reactions.Reaction {

    public static final String REMOVED = "The data has been removed";
    public static final String STORAGE_ENDED = "The data's storage period has ended";
    public static final String PRODUCT_CLOSED = "The product is closed";

    private final Clock clock;

    public OrderReactor(Clock clock) {
        this.clock = clock;
    }

    public Reactions reactions() {
        return new Reactions(List.of(Topics.REGISTRY_EVENTS, Topics.SETTLEMENT_EVENTS), this);
    }

    @Override
    public List<KeyedCommand> react(SpecificRecord event) {
        var now = clock.instant();
        if (event instanceof DataRegistrationCompleted e && !e.getFeePending()) {
            return open(e.getDataId(), e.getProvider(), now);
        }
        if (event instanceof DataPutOnSale e) {
            return open(e.getDataId(), e.getProvider(), now);
        }
        if (event instanceof DataRemoved e) {
            String dataset = DatasetAddress.of(e.getDataId());
            return List.of(new KeyedCommand(dataset, new CloseMarket(dataset, e.getDataId(), REMOVED, now)));
        }
        if (event instanceof DataStorageEnded e) {
            String dataset = DatasetAddress.of(e.getDataId());
            return List.of(new KeyedCommand(dataset, new CloseMarket(dataset, e.getDataId(), STORAGE_ENDED, now)));
        }
        if (event instanceof market.registry.event.DataShareDescribed e) {
            // a product described before prices were recorded (v9) carries 0: applications to it are refused
            String dataset = DatasetAddress.of(e.getDataId());
            return List.of(new KeyedCommand(dataset, new DescribeProduct(dataset, e.getDataId(), e.getProvider(),
                    e.getProduct().getProductId(), e.getPrice(), now)));
        }
        if (event instanceof market.registry.event.DataShareClosed e) {
            String dataset = DatasetAddress.of(e.getDataId());
            return List.of(new KeyedCommand(dataset, new CloseMarket(dataset, e.getDataId(), PRODUCT_CLOSED, now)));
        }
        if (event instanceof PaymentSettled e) {
            return List.of(new KeyedCommand(e.getDataset(), new CompleteDeal(e.getDataset(), e.getDealId(), now)));
        }
        if (event instanceof PaymentRejected e) {
            return List.of(new KeyedCommand(e.getDataset(),
                    new CancelDeal(e.getDataset(), e.getDealId(), e.getReason(), now)));
        }
        return List.of();
    }

    private static List<KeyedCommand> open(long dataId, String provider, java.time.Instant now) {
        String dataset = DatasetAddress.of(dataId);
        return List.of(new KeyedCommand(dataset, new OpenMarket(dataset, dataId, provider, now)));
    }
}
