package market.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

class StateCodecTest {

    enum Status { OPEN, CLOSED }

    record Item(long id, String name, Status status, Instant at) {}

    /** A map type of its own, built by a static {@code of(Map)}, as the order book is. */
    static final class Book extends AbstractMap<String, Item> {
        private final Map<String, Item> items;

        private Book(Map<String, Item> items) {
            this.items = items;
        }

        public static Book of(Map<String, Item> items) {
            return new Book(new LinkedHashMap<>(items));
        }

        @Override
        public Set<Entry<String, Item>> entrySet() {
            return items.entrySet();
        }
    }

    record State(String owner, long count, int small, boolean open, Integer boxed, BigInteger big, byte[] raw,
            List<Item> items, Set<String> tags, SortedMap<Long, Item> byId, Map<String, List<Long>> groups,
            PMap<Long, Item> persistent, PSet<String> seen, Book book, Item nothing) {}

    record Holder(byte[] raw) {}

    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.123456789Z");

    private static State sample() {
        Item a = new Item(1, "a", Status.OPEN, AT);
        Item b = new Item(2, null, Status.CLOSED, null);
        return new State("0xabc", Long.MAX_VALUE, -7, true, null, new BigInteger("123456789012345678901234567890"),
                new byte[] {1, 2, 3}, List.of(a, b), Set.of("x", "y"), new TreeMap<>(Map.of(2L, b, 1L, a)),
                Map.of("g", List.of(3L, 4L)), HashTreePMap.<Long, Item>empty().plus(1L, a).plus(2L, b),
                HashTreePSet.<String>empty().plus("s"), Book.of(Map.of("a", a)), null);
    }

    @Test
    void everyKindOfComponentComesBackEqual() {
        StateCodec codec = StateCodec.of(State.class);
        State state = sample();
        State read = (State) codec.decode(codec.encode(state));
        assertThat(read).usingRecursiveComparison().isEqualTo(state);
        assertThat(read.byId()).isInstanceOf(TreeMap.class);
        assertThat(read.persistent()).isInstanceOf(PMap.class).isEqualTo(state.persistent());
        assertThat(read.seen()).isInstanceOf(PSet.class);
        assertThat(read.book()).isInstanceOf(Book.class).isEqualTo(state.book());
        assertThat(read.items().get(0).at()).isEqualTo(AT);
    }

    @Test
    void theFingerprintFollowsTheShapeOfTheState() {
        assertThat(StateCodec.of(State.class).fingerprint()).isEqualTo(StateCodec.of(State.class).fingerprint());
        assertThat(StateCodec.of(Item.class).fingerprint()).isNotEqualTo(StateCodec.of(State.class).fingerprint());
        assertThat(StateCodec.of(Holder.class).fingerprint()).isNotEqualTo(StateCodec.of(Item.class).fingerprint());
    }

    @Test
    void bytesThatHoldNoStateAreRefused() {
        StateCodec codec = StateCodec.of(Item.class);
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Untyped(Object anything) {}

    @Test
    void aComponentItCannotCarryFailsAtDerivation() {
        assertThatThrownBy(() -> StateCodec.of(Untyped.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}
