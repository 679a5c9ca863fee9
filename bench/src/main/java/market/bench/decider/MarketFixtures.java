package market.bench.decider;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import market.order.market.domain.DatasetOrder;
import market.order.market.domain.Deal;
import market.order.market.domain.DealStatus;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketState;
import market.order.market.domain.OrderEntry;
import market.platform.crypto.Addresses;

/**
 * Markets for the decider benchmarks, built directly from their orders and deals (the same state
 * the events would fold to): a dataset on sale with {@code orders} open orders, the cheapest
 * published last, and {@code deals} completed deals of distinct buyers, plus buy commands by a
 * buyer who holds no deal yet.
 */
final class MarketFixtures {

    static final String DATASET = "0x" + "d5".repeat(20);
    static final String PROVIDER = "0x" + "a1".repeat(20);
    static final String BUYER = "0x" + "b0".repeat(20);
    static final String BUYER_KEY = "0x" + "0c".repeat(64);
    static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    static final String ZERO_TAG = "0x" + "00".repeat(32);

    private MarketFixtures() {}

    /** A market with {@code orders} open orders of prices 100 + orders − i and {@code deals} completed deals. */
    static MarketState market(int orders, int deals) {
        Map<String, OrderEntry> book = new LinkedHashMap<>();
        for (int i = 0; i < orders; i++) {
            // odd orders carry a tag bit, so a tagged request matches only half of the book
            String tag = i % 2 == 1 ? "0x" + "00".repeat(31) + "01" : ZERO_TAG;
            DatasetOrder order = new DatasetOrder(DATASET, 100L + orders - i, 10_000_000, tag, Addresses.ZERO,
                    Addresses.ZERO, Addresses.ZERO, hash(0x5a000000L + i), "0x" + "11".repeat(65), hash(i), PROVIDER);
            book.put(order.orderHash(), new OrderEntry(order, i, order.volume() - deals, false, false, AT));
        }
        String firstHash = book.keySet().iterator().next();
        Map<Long, Deal> made = new HashMap<>();
        for (int i = 0; i < deals; i++) {
            long dealId = 1_000_000L + i;
            made.put(dealId, new Deal(dealId, firstHash, address(i), PROVIDER, 100, BUYER_KEY, DealStatus.COMPLETED,
                    null, AT, AT));
        }
        return new MarketState(DATASET, 42, PROVIDER, true, false, book, made);
    }

    static BuyData buy(String tag) {
        return new BuyData(BUYER, DATASET, 1_000, BUYER_KEY, tag, 7, AT);
    }

    static String address(long n) {
        return String.format("0x%040x", n + 1);
    }

    private static String hash(long n) {
        return String.format("0x%064x", n + 1);
    }
}
