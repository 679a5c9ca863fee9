package market.platform.crypto.abe;

import java.util.ArrayList;
import java.util.List;
import market.platform.crypto.abe.AccessPolicy.Comparable;
import market.platform.crypto.abe.AccessPolicy.Plain;
import market.platform.crypto.abe.AccessPolicy.Threshold;
import market.platform.crypto.abe.AttributeTree.Gate;
import market.platform.crypto.abe.AttributeTree.Leaf;

/**
 * Compiles an {@link AccessPolicy} into the {@link AttributeTree} a ciphertext carries. A
 * comparison {@code name op c} with {@code maxValue} m of n = bitLength(m) bits becomes a tree
 * over the bit attributes of its low n bits (the "bag of bits" of Bethencourt, Sahai and Waters
 * 2007), bounded by one range leaf: {@code >} is "at least 2^n, or greater in the low bits",
 * {@code <} and {@code =} are "below 2^n, and less (or equal) in the low bits". Branches that can
 * never hold (such as {@code < 0}) are pruned; a policy that can never hold is refused. Nested
 * AND and OR gates are flattened.
 */
public final class PolicyCompiler {

    /** Leaves a compiled policy may have: encryption costs a G1 and a G2 exponentiation for each. */
    public static final int MAX_LEAVES = 256;

    private PolicyCompiler() {}

    public static AttributeTree compile(AccessPolicy policy) {
        AttributeTree tree = node(policy);
        if (tree == NEVER) {
            throw new AbeException("policy can never be satisfied");
        }
        if (tree == ALWAYS) {
            throw new AbeException("policy is satisfied without any attribute");
        }
        if (tree.leafCount() > MAX_LEAVES) {
            throw new AbeException("policy compiles to " + tree.leafCount() + " leaves, more than " + MAX_LEAVES);
        }
        return tree;
    }

    // ALWAYS and NEVER are markers during compilation; they never reach a compiled tree.
    private static final AttributeTree ALWAYS = new Leaf("\u0000always");
    private static final AttributeTree NEVER = new Leaf("\u0000never");

    private static AttributeTree node(AccessPolicy policy) {
        if (policy instanceof Threshold t) {
            return gate(t.threshold(), t.children().stream().map(PolicyCompiler::node).toList());
        }
        if (policy instanceof Plain p) {
            return new Leaf(AttributeNames.plain(p.name(), p.value()));
        }
        return comparison((Comparable) policy);
    }

    private static AttributeTree comparison(Comparable c) {
        int bits = 64 - Long.numberOfLeadingZeros(c.maxValue());
        return switch (c.op()) {
            // no value reaches 2^63, so with 63 bits there is no range leaf to add
            case GREATER -> bits == AttributeNames.VALUE_BITS
                    ? greater(c.name(), c.value(), bits - 1)
                    : or(new Leaf(AttributeNames.atLeast(c.name(), bits)), greater(c.name(), c.value(), bits - 1));
            case LESS -> and(new Leaf(AttributeNames.below(c.name(), bits)), less(c.name(), c.value(), bits - 1));
            case EQUAL -> and(new Leaf(AttributeNames.below(c.name(), bits)), equal(c.name(), c.value(), bits - 1));
        };
    }

    /** The value's bits 0 … top, read as a number, exceed those of {@code c}. */
    private static AttributeTree greater(String name, long c, int top) {
        if (top < 0) {
            return NEVER;
        }
        Leaf one = new Leaf(AttributeNames.bit(name, top, true));
        return bitSet(c, top) ? and(one, greater(name, c, top - 1)) : or(one, greater(name, c, top - 1));
    }

    private static AttributeTree less(String name, long c, int top) {
        if (top < 0) {
            return NEVER;
        }
        Leaf zero = new Leaf(AttributeNames.bit(name, top, false));
        return bitSet(c, top) ? or(zero, less(name, c, top - 1)) : and(zero, less(name, c, top - 1));
    }

    private static AttributeTree equal(String name, long c, int top) {
        List<AttributeTree> bits = new ArrayList<>();
        for (int bit = top; bit >= 0; bit--) {
            bits.add(new Leaf(AttributeNames.bit(name, bit, bitSet(c, bit))));
        }
        return gate(bits.size(), bits);
    }

    private static boolean bitSet(long value, int bit) {
        return (value >>> bit & 1) == 1;
    }

    private static AttributeTree and(AttributeTree a, AttributeTree b) {
        return gate(2, List.of(a, b));
    }

    private static AttributeTree or(AttributeTree a, AttributeTree b) {
        return gate(1, List.of(a, b));
    }

    /** A threshold gate with constants folded in and same-kind AND or OR children merged. */
    private static AttributeTree gate(int threshold, List<AttributeTree> children) {
        List<AttributeTree> kept = new ArrayList<>();
        int needed = threshold;
        for (AttributeTree child : children) {
            if (child == ALWAYS) {
                needed--;
            } else if (child != NEVER) {
                kept.add(child);
            }
        }
        if (needed <= 0) {
            return ALWAYS;
        }
        if (needed > kept.size()) {
            return NEVER;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        boolean and = needed == kept.size();
        boolean or = needed == 1;
        List<AttributeTree> merged = new ArrayList<>();
        for (AttributeTree child : kept) {
            if (child instanceof Gate g && (and && g.threshold() == g.children().size() || or && g.threshold() == 1)) {
                merged.addAll(g.children());
            } else {
                merged.add(child);
            }
        }
        return new Gate(and ? merged.size() : needed, merged);
    }
}
