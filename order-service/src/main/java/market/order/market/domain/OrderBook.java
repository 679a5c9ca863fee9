package market.order.market.domain;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * A market's orders by hash, iterated in publication order. It is persistent: {@link #with}
 * makes a new version in O(log n) that shares everything else with this one, so a deal taking a
 * unit from an order copies nothing, however many orders the market holds. Entries are kept by
 * their {@code seq} (their rank in publication order), with an index from hash to rank.
 */
public final class OrderBook extends AbstractMap<String, OrderEntry> {

    public static final OrderBook EMPTY = new OrderBook(TreePMap.empty(), HashTreePMap.empty());

    private final TreePMap<Long, OrderEntry> bySeq;
    private final PMap<String, Long> seqOf;

    private OrderBook(TreePMap<Long, OrderEntry> bySeq, PMap<String, Long> seqOf) {
        this.bySeq = bySeq;
        this.seqOf = seqOf;
    }

    /** The book holding {@code orders}, ranked by their {@code seq}. */
    public static OrderBook of(Map<String, OrderEntry> orders) {
        if (orders instanceof OrderBook book) {
            return book;
        }
        OrderBook book = EMPTY;
        for (OrderEntry entry : orders.values()) {
            book = book.with(entry);
        }
        return book;
    }

    /** This book with {@code entry} added, or replacing the entry of the same hash. */
    OrderBook with(OrderEntry entry) {
        Long seq = seqOf.get(entry.orderHash());
        if (seq != null && seq != entry.seq()) {
            throw new IllegalArgumentException("order " + entry.orderHash() + " keeps its rank " + seq);
        }
        // an order already in the book keeps its rank: only its entry changes
        return new OrderBook(bySeq.plus(entry.seq(), entry),
                seq != null ? seqOf : seqOf.plus(entry.orderHash(), entry.seq()));
    }

    @Override
    public OrderEntry get(Object orderHash) {
        Long seq = seqOf.get(orderHash);
        return seq == null ? null : bySeq.get(seq);
    }

    @Override
    public boolean containsKey(Object orderHash) {
        return seqOf.containsKey(orderHash);
    }

    @Override
    public int size() {
        return bySeq.size();
    }

    @Override
    public Set<Entry<String, OrderEntry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, OrderEntry>> iterator() {
                Iterator<OrderEntry> entries = bySeq.values().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<String, OrderEntry> next() {
                        OrderEntry entry = entries.next();
                        return Map.entry(entry.orderHash(), entry);
                    }
                };
            }

            @Override
            public int size() {
                return bySeq.size();
            }
        };
    }
}
