package market.order.market.domain;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * A market's purchases by application, by {@link Purchase#id}, with two indexes kept beside
 * them: the purchase of each deal id, and each consumer's open purchase (a consumer has at most
 * one). It is persistent, like {@link OrderBook}: {@link #with} makes a new version in O(log n)
 * that shares the rest.
 */
public final class Purchases extends AbstractMap<String, Purchase> {

    public static final Purchases EMPTY = new Purchases(HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());

    private final PMap<String, Purchase> byId;
    private final PMap<Long, String> byDeal;
    private final PMap<String, String> openByConsumer;

    private Purchases(PMap<String, Purchase> byId, PMap<Long, String> byDeal, PMap<String, String> openByConsumer) {
        this.byId = byId;
        this.byDeal = byDeal;
        this.openByConsumer = openByConsumer;
    }

    /** The purchases of {@code purchases}, indexed. */
    public static Purchases of(Map<String, Purchase> purchases) {
        if (purchases instanceof Purchases indexed) {
            return indexed;
        }
        Purchases all = EMPTY;
        for (Purchase purchase : purchases.values()) {
            all = all.with(purchase);
        }
        return all;
    }

    /** These purchases with {@code purchase} added, or replacing the one of the same id. */
    Purchases with(Purchase purchase) {
        String id = purchase.id();
        PMap<String, String> open = purchase.open() ? openByConsumer.plus(purchase.consumer(), id)
                : id.equals(openByConsumer.get(purchase.consumer())) ? openByConsumer.minus(purchase.consumer())
                : openByConsumer;
        return new Purchases(byId.plus(id, purchase), byDeal.plus(purchase.dealId(), id), open);
    }

    public Optional<Purchase> ofDeal(long dealId) {
        return Optional.ofNullable(byDeal.get(dealId)).map(byId::get);
    }

    /** The consumer's purchase still waiting for the provider or for payment, if it has one. */
    public Optional<Purchase> openOf(String consumer) {
        return Optional.ofNullable(openByConsumer.get(consumer)).map(byId::get);
    }

    @Override
    public Purchase get(Object id) {
        return byId.get(id);
    }

    @Override
    public boolean containsKey(Object id) {
        return byId.containsKey(id);
    }

    @Override
    public int size() {
        return byId.size();
    }

    @Override
    public Set<Entry<String, Purchase>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Purchase>> iterator() {
                return byId.entrySet().iterator();
            }

            @Override
            public int size() {
                return byId.size();
            }
        };
    }
}
