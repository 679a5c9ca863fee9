package market.platform.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import market.platform.domain.Decider;

/**
 * The folded state of many aggregates, keyed by aggregate type and Kafka key. The command
 * processor keeps one per assigned partition; the projection keeps one for all partitions.
 * {@link #overlay()} stages changes for one transaction and applies them only on commit.
 */
public final class AggregateStates {

    private record StateKey(String type, String key) {}

    private final ServiceModel model;
    private final Map<StateKey, Object> states = new ConcurrentHashMap<>();

    public AggregateStates(ServiceModel model) {
        this.model = model;
    }

    public Object state(AggregateType<?, ?, ?> type, String key) {
        Object state = states.get(new StateKey(type.name(), key));
        return state != null ? state : type.decider().initialState();
    }

    /** Folds one domain event into the aggregate it belongs to. */
    public void apply(String key, Object event) {
        AggregateType<?, ?, ?> type = model.aggregateForEvent(event);
        StateKey stateKey = new StateKey(type.name(), key);
        states.put(stateKey, evolve(type, state(type, key), event));
    }

    /** Every state of one aggregate type that has seen an event. */
    @SuppressWarnings("unchecked")
    public <S> Stream<S> all(AggregateType<?, ?, S> type) {
        return states.entrySet().stream().filter(e -> e.getKey().type().equals(type.name()))
                .map(e -> (S) e.getValue());
    }

    /** One aggregate's state, named by its type and key. */
    public record Entry(String type, String key, Object state) {}

    /** Every state held, for a snapshot: a consistent view only while no one applies events. */
    public List<Entry> entries() {
        List<Entry> out = new java.util.ArrayList<>(states.size());
        states.forEach((stateKey, state) -> out.add(new Entry(stateKey.type(), stateKey.key(), state)));
        return out;
    }

    /** Puts a state read from a snapshot, as if its events had been applied. */
    void restore(AggregateType<?, ?, ?> type, String key, Object state) {
        states.put(new StateKey(type.name(), key), state);
    }

    /** True when both hold the same aggregates in equal states. */
    public boolean sameAs(AggregateStates other) {
        return states.equals(other.states);
    }

    public Overlay overlay() {
        return new Overlay();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object evolve(AggregateType<?, ?, ?> type, Object state, Object event) {
        return ((Decider) type.decider()).evolve(state, event);
    }

    /** Changes staged for one transaction; invisible to the base until {@link #commit()}. */
    public final class Overlay {
        private final Map<StateKey, Object> staged = new HashMap<>();

        public Object state(AggregateType<?, ?, ?> type, String key) {
            Object state = staged.get(new StateKey(type.name(), key));
            return state != null ? state : AggregateStates.this.state(type, key);
        }

        /** Stages a state computed from this overlay's state of the same aggregate. */
        public void put(AggregateType<?, ?, ?> type, String key, Object state) {
            staged.put(new StateKey(type.name(), key), state);
        }

        public void commit() {
            states.putAll(staged);
            staged.clear();
        }
    }
}
