package market.platform.runtime;

import java.time.Duration;

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
}
