package market.platform.runtime;

/**
 * A read model fed by the projection besides the aggregate states: it sees each event once, in
 * partition order, after the event was folded into the states, with its position on the topic.
 */
public interface ProjectionListener {

    void onEvent(String key, Object event, int partition, long offset);
}
