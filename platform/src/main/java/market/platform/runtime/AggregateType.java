package market.platform.runtime;

import market.platform.domain.Decider;

/**
 * Binds one aggregate's decider to the domain types of its commands and events, so the runtime
 * can route a decoded command or event to the aggregate it belongs to.
 */
public record AggregateType<C, E, S>(String name, Class<C> commandType, Class<E> eventType,
        Decider<C, E, S> decider) {

    public boolean handlesCommand(Object command) {
        return commandType.isInstance(command);
    }

    public boolean handlesEvent(Object event) {
        return eventType.isInstance(event);
    }
}
