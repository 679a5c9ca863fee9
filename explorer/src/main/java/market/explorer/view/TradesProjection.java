package market.explorer.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import market.order.event.DealCancelled;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.order.event.MarketClosed;
import market.order.event.OrderCancelled;
import market.order.event.OrderPublished;
import market.platform.money.Money;
import market.registry.event.KeysReleased;
import org.apache.avro.specific.SpecificRecord;

/**
 * The order book and deals, as {@code order.events} tell them (and {@code registry.events} the key
 * releases): each order's price and units left, each deal's status and whether its keys were
 * released, and completed purchases per minute. A deal is made by whichever of its events is read
 * first; the newest is the last one made.
 */
public final class TradesProjection {

    private static final int PURCHASE_MINUTES = 30;

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<Long, Deal> deals = new HashMap<>();
    private final TreeMap<Instant, Integer> purchasesPerMinute = new TreeMap<>();
    private long made;

    /** Applies one of the events orders and deals are made of; others are not the trades'. */
    public void apply(SpecificRecord event) {
        if (event instanceof OrderPublished e) {
            var o = e.getOrder();
            orders.put(o.getOrderHash(), new Order(o.getOrderHash(), o.getDataset(), o.getDatasetprice(), o.getVolume(),
                    e.getTimestamp()));
        } else if (event instanceof OrderCancelled e) {
            order(e.getOrderHash(), o -> o.status = "CANCELLED");
        } else if (event instanceof MarketClosed e) {
            e.getClosedOrders().forEach(hash -> order(hash, o -> o.status = "CLOSED"));
        } else if (event instanceof DealCreated e) {
            Deal d = deal(e.getDealId());
            d.dataset = e.getDataset();
            d.dataId = e.getDataId();
            d.buyer = e.getBuyer();
            d.price = e.getPrice();
            d.status = d.status == null ? "PENDING_PAYMENT" : d.status;
            order(e.getOrderHash(), o -> o.dealt++);
        } else if (event instanceof DealCompleted e) {
            deal(e.getDealId()).status = "COMPLETED";
            purchasesPerMinute.merge(e.getTimestamp().truncatedTo(ChronoUnit.MINUTES), 1, Integer::sum);
            while (purchasesPerMinute.size() > PURCHASE_MINUTES) {
                purchasesPerMinute.pollFirstEntry();
            }
        } else if (event instanceof DealCancelled e) {
            Deal d = deal(e.getDealId());
            d.status = "CANCELLED";
            d.reason = e.getReason();
            order(e.getOrderHash(), o -> o.dealt--);
        } else if (event instanceof KeysReleased e) {
            deal(e.getDealId()).keysReleased = true;
        }
    }

    private Deal deal(long dealId) {
        return deals.computeIfAbsent(dealId, id -> new Deal(id, ++made));
    }

    private void order(String hash, Consumer<Order> change) {
        Order order = orders.get(hash);
        if (order != null) {
            change.accept(order);
        }
    }

    /** At most {@code limit} orders: those with units left, cheapest first, then the others, newest first. */
    public List<OrderView> orderBook(int limit) {
        return orders.values().stream()
                .sorted(Comparator.comparing((Order o) -> !o.open()).thenComparing(o -> o.open() ? o.price : 0L)
                        .thenComparing(o -> o.published, Comparator.reverseOrder()))
                .limit(limit).map(Order::view).toList();
    }

    /** At most {@code limit} deals, newest first. */
    public List<DealView> newestDeals(int limit) {
        return deals.values().stream().sorted(Comparator.comparingLong((Deal d) -> d.made).reversed()).limit(limit)
                .map(Deal::view).toList();
    }

    /** Completed purchases per minute, the last {@value #PURCHASE_MINUTES} minutes that had any. */
    public List<PurchasesView> purchases() {
        List<PurchasesView> minutes = new ArrayList<>();
        purchasesPerMinute.forEach((minute, count) -> minutes.add(new PurchasesView(minute.toString(), count)));
        return minutes;
    }

    public long completedDeals() {
        return deals.values().stream().filter(d -> "COMPLETED".equals(d.status)).count();
    }

    private static final class Order {
        final String hash;
        final String dataset;
        final long price;
        final long volume;
        final Instant published;
        long dealt;
        String status = "OPEN";

        Order(String hash, String dataset, long price, long volume, Instant published) {
            this.hash = hash;
            this.dataset = dataset;
            this.price = price;
            this.volume = volume;
            this.published = published;
        }

        boolean open() {
            return "OPEN".equals(status) && volume > dealt;
        }

        OrderView view() {
            return new OrderView(hash, dataset, Money.ofUnits(price).format(), Long.toString(volume),
                    Long.toString(Math.max(0, volume - dealt)), open() ? "OPEN" : "OPEN".equals(status) ? "FILLED" : status,
                    published.toString());
        }
    }

    private static final class Deal {
        final long dealId;
        final long made;
        String dataset;
        long dataId;
        String buyer;
        long price;
        String status;
        String reason;
        boolean keysReleased;

        Deal(long dealId, long made) {
            this.dealId = dealId;
            this.made = made;
        }

        DealView view() {
            return new DealView(Long.toString(dealId), dataset, Long.toString(dataId), buyer, Money.ofUnits(price).format(),
                    status == null ? "UNKNOWN" : status, reason, keysReleased);
        }
    }

    /** An order; its volume and units left are strings, as a browser's numbers hold only 53 bits. */
    public record OrderView(String orderHash, String dataset, String price, String volume, String remaining,
            String status, String published) {}

    /** A deal; its ids are strings, as a browser's numbers hold only 53 bits. */
    public record DealView(String dealId, String dataset, String dataId, String buyer, String price, String status,
            String reason, boolean keysReleased) {}

    public record PurchasesView(String minute, int count) {}
}
