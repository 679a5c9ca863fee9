package market.platform.runtime;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Reference data a command processor may consult while translating a command, such as the data
 * types a dataset refers to: the projection's view of all partitions. Before rejecting for a
 * missing reference, a translator calls {@link #catchUp} so the view includes everything
 * committed up to now.
 */
public interface ReferenceData {

    AggregateStates states();

    /** Blocks until every event committed before the call has been applied, or the timeout passes. */
    void catchUp(Duration timeout);

    /**
     * The state of one aggregate, caught up first when it does not yet show what the caller looks
     * for: a missing reference is concluded only from a view that includes everything committed.
     */
    @SuppressWarnings("unchecked")
    default <S> S state(AggregateType<?, ?, S> type, String key, Predicate<S> present, Duration timeout) {
        S state = (S) states().state(type, key);
        if (!present.test(state)) {
            catchUp(timeout);
            state = (S) states().state(type, key);
        }
        return state;
    }
}
