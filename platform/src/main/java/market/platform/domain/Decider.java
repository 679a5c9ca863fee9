package market.platform.domain;

/**
 * One aggregate's rules: {@code decide} turns a command and the current state into events or a
 * rejection; {@code evolve} folds an event into the state. Both are pure: no clock, no I/O.
 * Only {@code evolve} changes state.
 */
public interface Decider<C, E, S> {

    S initialState();

    Decision<E> decide(C command, S state);

    S evolve(S state, E event);
}
