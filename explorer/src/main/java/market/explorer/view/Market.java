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
import java.util.TreeSet;
import market.order.event.DealCancelled;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.order.event.MarketClosed;
import market.order.event.MarketOpened;
import market.order.event.OrderCancelled;
import market.order.event.OrderPublished;
import market.platform.money.Money;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.DataShareDescribed;
import market.registry.event.DataStorageEnded;
import market.registry.event.FragmentStorageConfirmed;
import market.registry.event.KeysReleased;
import market.registry.event.PlacementRecorded;
import org.apache.avro.specific.SpecificRecord;

/**
 * Datasets, the order book and deals, as {@code registry.events} and {@code order.events} tell
 * them: each dataset's status, storage clusters, confirmed fragments and DataShare samples; each
 * order's price and the units left; each deal's status and whether its keys were released; and
 * completed purchases per minute. Events of one dataset come from two topics, so each entry is
 * made by whichever event comes first.
 */
public final class Market {

    private static final int PURCHASE_MINUTES = 30;

    private final Map<Long, Dataset> datasets = new HashMap<>();
    private final Map<String, Long> dataIds = new HashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<Long, Deal> deals = new HashMap<>();
    private final TreeMap<Instant, Integer> purchasesPerMinute = new TreeMap<>();

    /** Applies one of registry-service's or order-service's events; others are not the market's. */
    public void apply(SpecificRecord event) {
        if (event instanceof DataRegistrationStarted e) {
            Dataset d = dataset(e.getDataId());
            d.provider = e.getProvider();
            d.datatype = e.getDatatypeName();
            d.price = e.getPrice();
            d.size = e.getSize();
            d.fragments = e.getFragments().size();
            d.status = d.status == null ? "REGISTERING" : d.status;
            d.registered = e.getTimestamp();
        } else if (event instanceof PlacementRecorded e) {
            e.getPlacements().forEach(p -> dataset(e.getDataId()).clusters.add(p.getIdfsClusterId()));
        } else if (event instanceof FragmentStorageConfirmed e) {
            dataset(e.getDataId()).confirmed.add(e.getFragmentNo());
        } else if (event instanceof DataRegistrationCompleted e) {
            status(e.getDataId(), e.getFeePending() ? "FEE_PENDING" : "ON_SALE");
        } else if (event instanceof DataPutOnSale e) {
            status(e.getDataId(), "ON_SALE");
        } else if (event instanceof DataRegistrationFailed e) {
            status(e.getDataId(), "FAILED");
        } else if (event instanceof DataRemoved e) {
            status(e.getDataId(), "REMOVED");
        } else if (event instanceof DataStorageEnded e) {
            status(e.getDataId(), "STORAGE_ENDED");
        } else if (event instanceof DataShareDescribed e) {
            Dataset d = dataset(e.getDataId());
            d.product = e.getProduct().getProductName();
            e.getProduct().getSamples().forEach(s -> d.samples.add(s.getSampleName()));
        } else if (event instanceof KeysReleased e) {
            deal(e.getDealId()).keysReleased = true;
        } else {
            applyOrder(event);
        }
    }

    private void applyOrder(SpecificRecord event) {
        if (event instanceof MarketOpened e) {
            dataIds.put(e.getDataset(), e.getDataId());
            dataset(e.getDataId()).address = e.getDataset();
        } else if (event instanceof OrderPublished e) {
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
            d.provider = e.getProvider();
            d.price = e.getPrice();
            d.created = e.getTimestamp();
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
        }
    }

    private Dataset dataset(long dataId) {
        return datasets.computeIfAbsent(dataId, Dataset::new);
    }

    private void status(long dataId, String status) {
        dataset(dataId).status = status;
    }

    private Deal deal(long dealId) {
        return deals.computeIfAbsent(dealId, Deal::new);
    }

    private void order(String hash, java.util.function.Consumer<Order> change) {
        Order order = orders.get(hash);
        if (order != null) {
            change.accept(order);
        }
    }

    /** Datasets, newest first. */
    public List<DatasetView> datasets(int limit) {
        return datasets.values().stream().sorted(Comparator.comparingLong((Dataset d) -> d.dataId).reversed())
                .limit(limit).map(Dataset::view).toList();
    }

    /** The orders with units left to buy, cheapest first, then the others, newest first. */
    public List<OrderView> orderBook(int limit) {
        return orders.values().stream()
                .sorted(Comparator.comparing((Order o) -> !o.open()).thenComparing(o -> o.open() ? o.price : 0L)
                        .thenComparing(o -> o.published, Comparator.reverseOrder()))
                .limit(limit).map(Order::view).toList();
    }

    /** Deals, newest first. */
    public List<DealView> deals(int limit) {
        return deals.values().stream().sorted(Comparator.comparingLong((Deal d) -> d.dealId).reversed()).limit(limit)
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

    private static final class Dataset {
        final long dataId;
        String address;
        String provider;
        String datatype;
        long price;
        long size;
        int fragments;
        String status;
        Instant registered;
        String product;
        final TreeSet<Long> clusters = new TreeSet<>();
        final TreeSet<Long> confirmed = new TreeSet<>();
        final List<String> samples = new ArrayList<>();

        Dataset(long dataId) {
            this.dataId = dataId;
        }

        DatasetView view() {
            return new DatasetView(Long.toString(dataId), address, provider, datatype, Money.ofUnits(price).format(), size,
                    fragments, confirmed.size(), clusters.stream().map(String::valueOf).toList(),
                    status == null ? "UNKNOWN" : status, product, List.copyOf(samples),
                    registered == null ? null : registered.toString());
        }
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
            return new OrderView(hash, dataset, Money.ofUnits(price).format(), volume, Math.max(0, volume - dealt),
                    open() ? "OPEN" : "OPEN".equals(status) ? "FILLED" : status, published.toString());
        }
    }

    private static final class Deal {
        final long dealId;
        String dataset;
        long dataId;
        String buyer;
        String provider;
        long price;
        Instant created;
        String status;
        String reason;
        boolean keysReleased;

        Deal(long dealId) {
            this.dealId = dealId;
        }

        DealView view() {
            return new DealView(Long.toString(dealId), dataset, Long.toString(dataId), buyer, provider, Money.ofUnits(price).format(),
                    status == null ? "UNKNOWN" : status, reason, keysReleased, created == null ? null : created.toString());
        }
    }

    /** A dataset; ids (its own, its clusters') are strings, as a browser's numbers hold only 53 bits. */
    public record DatasetView(String dataId, String address, String provider, String datatype, String price, long size,
            int fragments, int fragmentsStored, List<String> clusters, String status, String product, List<String> samples,
            String registered) {}

    public record OrderView(String orderHash, String dataset, String price, long volume, long remaining, String status,
            String published) {}

    public record DealView(String dealId, String dataset, String dataId, String buyer, String provider, String price,
            String status, String reason, boolean keysReleased, String created) {}

    public record PurchasesView(String minute, int count) {}
}
