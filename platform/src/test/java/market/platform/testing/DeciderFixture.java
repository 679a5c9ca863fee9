package market.platform.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.platform.runtime.StateCodec;

/**
 * Given/when/then for deciders, with no Spring and no broker:
 * <pre>
 * fixture.given(new DataRegistrationStarted(...))
 *        .when(new RemoveData(...))
 *        .then(new DataRemoved(...));
 * </pre>
 * Every state a scenario reaches also goes through a snapshot ({@link StateCodec}) and back: it
 * must come back equal, and the command must be decided the same on it.
 */
public final class DeciderFixture<C, E, S> {

    private static final Map<Class<?>, StateCodec> CODECS = new ConcurrentHashMap<>();

    private final Decider<C, E, S> decider;
    private final List<E> history = new ArrayList<>();

    private DeciderFixture(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    public static <C, E, S> DeciderFixture<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderFixture<>(decider);
    }

    /** Starts a new scenario whose history is exactly {@code events}. */
    @SafeVarargs
    public final DeciderFixture<C, E, S> given(E... events) {
        history.clear();
        history.addAll(Arrays.asList(events));
        return this;
    }

    public Outcome when(C command) {
        S state = decider.initialState();
        for (E event : history) {
            state = decider.evolve(state, event);
        }
        Decision<E> decision = decider.decide(command, state);
        Decision<E> fromSnapshot = decider.decide(command, throughSnapshot(state));
        if (!fromSnapshot.equals(decision)) {
            throw new AssertionError("the state read from a snapshot decides\n  " + fromSnapshot + "\nnot\n  " + decision);
        }
        return new Outcome(decision, state);
    }

    @SuppressWarnings("unchecked")
    private S throughSnapshot(S state) {
        StateCodec codec = CODECS.computeIfAbsent(state.getClass(), StateCodec::of);
        S read = (S) codec.decode(codec.encode(state));
        if (!read.equals(state)) {
            throw new AssertionError("a snapshot turned the state\n  " + state + "\ninto\n  " + read);
        }
        return read;
    }

    /** The decision for one command, and assertions on it. */
    public final class Outcome {
        private final Decision<E> decision;
        private final S stateBefore;

        Outcome(Decision<E> decision, S stateBefore) {
            this.decision = decision;
            this.stateBefore = stateBefore;
        }

        @SafeVarargs
        public final S then(E... expected) {
            if (!(decision instanceof Decision.Accepted<E> accepted)) {
                throw new AssertionError("expected events " + Arrays.toString(expected) + " but was " + decision);
            }
            if (!accepted.events().equals(List.of(expected))) {
                throw new AssertionError("expected events\n  " + List.of(expected) + "\nbut was\n  " + accepted.events());
            }
            S state = stateBefore;
            for (E event : accepted.events()) {
                state = decider.evolve(state, event);
            }
            throughSnapshot(state);
            return state;
        }

        public Rejection thenRejects(String errorCode) {
            if (!(decision instanceof Decision.Rejected<E> rejected)) {
                throw new AssertionError("expected rejection " + errorCode + " but was " + decision);
            }
            if (!rejected.rejection().errorCode().equals(errorCode)) {
                throw new AssertionError("expected rejection " + errorCode + " but was " + rejected.rejection());
            }
            return rejected.rejection();
        }

        public Rejection thenRejects(String errorCode, String errorMsg) {
            Rejection rejection = thenRejects(errorCode);
            if (!rejection.errorMsg().equals(errorMsg)) {
                throw new AssertionError("expected message \"" + errorMsg + "\" but was \"" + rejection.errorMsg() + "\"");
            }
            return rejection;
        }
    }
}
