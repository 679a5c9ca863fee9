package market.platform.crypto.abe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import market.platform.crypto.abe.AccessPolicy.Comparable;
import market.platform.crypto.abe.AccessPolicy.Op;
import market.platform.crypto.abe.AccessPolicy.Plain;
import market.platform.crypto.abe.AccessPolicy.Threshold;
import market.platform.crypto.abe.AttributeTree.Gate;
import org.junit.jupiter.api.Test;

/**
 * The compiled comparisons, checked without pairings: a tree is satisfied by the attribute
 * strings of a value exactly when the integer comparison holds, over every value and bound of
 * small widths and around the bit boundaries of wide ones.
 */
class PolicyCompilerTest {

    private static final long[] MAX_VALUES = {0, 1, 2, 3, 5, 7, 8, 15, 16, 17, 31, 32, 63, 64, 100, 127, 128, 255, 256};

    @Test
    void comparisonsHoldExactlyWhenTheIntegersCompare() {
        for (long max : MAX_VALUES) {
            for (long c = 0; c <= max; c++) {
                for (Op op : Op.values()) {
                    AttributeTree tree = compiledOrNull(new Comparable("n", op, c, max));
                    for (long v = 0; v <= 2 * max + 3; v++) {
                        check(op, c, max, v, tree);
                    }
                    for (long v : new long[] {1L << 20, 1L << 62, Long.MAX_VALUE}) {
                        check(op, c, max, v, tree);
                    }
                }
            }
        }
    }

    @Test
    void comparisonsHoldAtTheBitBoundariesOfWideBounds() {
        long[] maxes = {1L << 31, (1L << 32) - 1, 1L << 40, Long.MAX_VALUE};
        for (long max : maxes) {
            for (int k = 0; k < 63; k++) {
                for (long c : new long[] {(1L << k) - 1, 1L << k, (1L << k) + 1, max, 0}) {
                    if (c < 0 || c > max) {
                        continue;
                    }
                    for (Op op : Op.values()) {
                        AttributeTree tree = compiledOrNull(new Comparable("n", op, c, max));
                        for (long v : new long[] {c - 1, c, c + 1, 0, max, (1L << k) - 1, 1L << k, Long.MAX_VALUE}) {
                            if (v >= 0) {
                                check(op, c, max, v, tree);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aComparisonUsesOneLeafPerBitOfMaxValueAndOneRangeLeaf() {
        AttributeTree tree = PolicyCompiler.compile(new Comparable("att3", Op.EQUAL, 16, 10000));

        assertThat(tree.leafCount()).isEqualTo(14 + 1);
    }

    @Test
    void refusesAPolicyThatCanNeverHold() {
        assertThatThrownBy(() -> PolicyCompiler.compile(new Comparable("n", Op.LESS, 0, 100)))
                .isInstanceOf(AbeException.class).hasMessage("policy can never be satisfied");
        assertThatThrownBy(() -> PolicyCompiler.compile(new Threshold(2, List.of(
                new Plain("a", "x"), new Comparable("n", Op.LESS, 0, 9)))))
                .isInstanceOf(AbeException.class).hasMessage("policy can never be satisfied");
    }

    @Test
    void prunesBranchesThatCanNeverHoldAndFlattensNestedGates() {
        AttributeTree tree = PolicyCompiler.compile(new Threshold(1, List.of(
                new Comparable("n", Op.LESS, 0, 9),
                new Threshold(1, List.of(new Plain("a", "x"), new Plain("b", "y"))))));

        assertThat(tree).isEqualTo(new Gate(1, List.of(
                new AttributeTree.Leaf("p:a=x"), new AttributeTree.Leaf("p:b=y"))));
    }

    @Test
    void refusesAPolicyOverTheLeafLimit() {
        List<AccessPolicy> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(new Comparable("n" + i, Op.EQUAL, 1, Long.MAX_VALUE));
        }
        assertThatThrownBy(() -> PolicyCompiler.compile(new Threshold(20, many)))
                .isInstanceOf(AbeException.class).hasMessage("policy compiles to 1280 leaves, more than 256");
    }

    private static AttributeTree compiledOrNull(Comparable comparison) {
        try {
            return PolicyCompiler.compile(comparison);
        } catch (AbeException e) {
            assertThat(e).hasMessage("policy can never be satisfied");
            return null;
        }
    }

    private static final Map<Long, Set<String>> COMPONENTS = new java.util.HashMap<>();

    private static void check(Op op, long c, long max, long v, AttributeTree tree) {
        Set<String> components = COMPONENTS.computeIfAbsent(v,
                value -> new AbeAttributes(new TreeMap<>(), new TreeMap<>(Map.of("n", value))).components());
        boolean satisfied = tree != null && tree.isSatisfiedBy(components);
        assertThat(satisfied).as("%d %s %d (maxValue %d)", v, op.symbol(), c, max).isEqualTo(op.holds(v, c));
    }
}
