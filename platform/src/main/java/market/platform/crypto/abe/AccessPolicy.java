package market.platform.crypto.abe;

import java.util.List;

/**
 * An ABE access policy in the words of the BCS DataShare contract: a threshold gate over
 * children, where a child is a {@code plain} attribute ({@code name} equals {@code value}), a
 * {@code comparable} attribute ({@code name op value}, an integer no greater than
 * {@code maxValue}) or a nested {@code policy}. {@link PolicyCompiler} turns it into the
 * {@link AttributeTree} that {@link CpAbe} encrypts under; {@link AccessPolicyJson} reads and
 * writes the contract's JSON.
 */
public sealed interface AccessPolicy {

    /** At least {@code threshold} of {@code children} hold. */
    record Threshold(int threshold, List<AccessPolicy> children) implements AccessPolicy {
        public Threshold {
            children = List.copyOf(children);
            if (children.isEmpty()) {
                throw new AbeException("a threshold gate needs children");
            }
            if (threshold < 1 || threshold > children.size()) {
                throw new AbeException("a threshold of " + threshold + " is not between 1 and its " + children.size() + " children");
            }
        }
    }

    /** The attribute {@code name} has the value {@code value}. */
    record Plain(String name, String value) implements AccessPolicy {
        public Plain {
            AttributeNames.checkName(name);
            AttributeNames.checkPlainValue(value);
        }
    }

    /** The integer attribute {@code name} compares to {@code value} by {@code op}; both lie in [0, maxValue]. */
    record Comparable(String name, Op op, long value, long maxValue) implements AccessPolicy {
        public Comparable {
            AttributeNames.checkName(name);
            java.util.Objects.requireNonNull(op, "op");
            if (value < 0 || maxValue < 0) {
                throw new AbeException("value and maxValue must not be negative");
            }
            if (value > maxValue) {
                throw new AbeException("value " + value + " is above maxValue " + maxValue);
            }
        }
    }

    /** The comparison operators of the contract. */
    enum Op {
        GREATER(">"), LESS("<"), EQUAL("=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(long attribute, long value) {
            return switch (this) {
                case GREATER -> attribute > value;
                case LESS -> attribute < value;
                case EQUAL -> attribute == value;
            };
        }

        /** The operator for a symbol, or null. */
        public static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }
    }
}
