package market.order.view;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import market.order.OrderAggregates;
import market.order.market.domain.MarketState;
import market.order.market.domain.OrderEntry;
import market.order.market.domain.OrderStatus;
import market.order.market.domain.Purchase;
import market.platform.config.ServiceRuntime;
import org.springframework.stereotype.Component;

/**
 * Reads orders, deals and DataShare purchases from the order service's projection: one by hash,
 * id or consumer and orderSeq, or a page of the book or of the purchases.
 */
@Component
public class OrderQueries {

    /** Filters of the book; null means any. */
    public record Filter(String dataset, String provider, OrderStatus status) {}

    /** One page of the book, and how many orders match in all. */
    public record Page(List<OrderView> items, int page, int size, long total) {}

    private final ServiceRuntime runtime;
    private final OrderIndex index;

    public OrderQueries(ServiceRuntime runtime, OrderIndex index) {
        this.runtime = runtime;
        this.index = index;
    }

    public Optional<OrderView> order(String orderHash) {
        return index.datasetOfOrder(orderHash).map(this::market).flatMap(market ->
                Optional.ofNullable(market.orders().get(orderHash)).map(entry -> OrderView.of(market, entry)));
    }

    public Optional<DealView> deal(long dealId) {
        return index.datasetOfDeal(dealId).map(this::market).flatMap(market ->
                Optional.ofNullable(market.deals().get(dealId)).map(deal -> DealView.of(market, deal)));
    }

    /**
     * Matching orders, cheapest first; at one price, by dataset, in publication order. Within a
     * dataset that is the order in which its buyers are matched.
     */
    public Page book(Filter filter, int page, int size) {
        record Listed(MarketState market, OrderEntry entry) {}
        List<OrderView> matching = runtime.projection().states().all(OrderAggregates.MARKET)
                .filter(market -> market.dataset() != null)
                .filter(market -> filter.dataset() == null || market.dataset().equals(filter.dataset()))
                .flatMap(market -> market.orders().values().stream().map(entry -> new Listed(market, entry)))
                .filter(listed -> filter.provider() == null || listed.entry().order().signer().equals(filter.provider()))
                .filter(listed -> filter.status() == null || listed.entry().status() == filter.status())
                .sorted(Comparator.comparingLong((Listed listed) -> listed.entry().order().datasetprice())
                        .thenComparing(listed -> listed.market().dataset())
                        .thenComparingLong(listed -> listed.entry().seq()))
                .map(listed -> OrderView.of(listed.market(), listed.entry()))
                .toList();
        return new Page(matching.stream().skip((long) page * size).limit(size).toList(), page, size, matching.size());
    }

    /** Filters of DataShare purchases; null means any. */
    public record PurchaseFilter(String provider, String consumer, String status) {}

    /** One page of purchases, numbered from 1 as DataShare's {@code currentPage}, and how many match. */
    public record PurchasePage(List<PurchaseView> orders, int currentPage, int pageSizeNum, long total) {}

    /** The purchase {@code orderSeq} of {@code consumer} in the market of {@code dataset}. */
    public Optional<PurchaseView> purchase(String dataset, String consumer, String orderSeq) {
        MarketState market = market(dataset);
        return Optional.ofNullable(market.purchases().get(Purchase.id(consumer, orderSeq)))
                .map(purchase -> PurchaseView.of(market, purchase));
    }

    /** Matching purchases, oldest application first. */
    public PurchasePage purchases(PurchaseFilter filter, int currentPage, int pageSizeNum) {
        record Listed(MarketState market, Purchase purchase) {}
        List<PurchaseView> matching = runtime.projection().states().all(OrderAggregates.MARKET)
                .filter(market -> market.product() != null && !market.purchases().isEmpty())
                .filter(market -> filter.provider() == null || filter.provider().equals(market.provider()))
                .flatMap(market -> market.purchases().values().stream().map(purchase -> new Listed(market, purchase)))
                .filter(listed -> filter.consumer() == null || listed.purchase().consumer().equals(filter.consumer()))
                .filter(listed -> filter.status() == null || listed.purchase().status().equals(filter.status()))
                .sorted(Comparator.comparing((Listed listed) -> listed.purchase().appliedAt())
                        .thenComparing(listed -> listed.purchase().id()))
                .map(listed -> PurchaseView.of(listed.market(), listed.purchase()))
                .toList();
        return new PurchasePage(matching.stream().skip((long) (currentPage - 1) * pageSizeNum).limit(pageSizeNum)
                .toList(), currentPage, pageSizeNum, matching.size());
    }

    private MarketState market(String dataset) {
        return (MarketState) runtime.projection().states().state(OrderAggregates.MARKET, dataset);
    }
}
