package market.platform.crypto.abe;

import java.util.List;
import java.util.Set;

/**
 * The access tree a ciphertext is encrypted under (Bethencourt, Sahai and Waters 2007, section
 * 4.1): threshold gates whose leaves are {@link AttributeNames attribute strings}. A gate's
 * children are numbered 1 … n in order; those numbers are the points its secret-sharing
 * polynomial is evaluated at.
 */
public sealed interface AttributeTree {

    /** Leaves under this node. */
    int leafCount();

    /** Whether a key holding {@code attributes} satisfies this node. */
    boolean isSatisfiedBy(Set<String> attributes);

    /** At least {@code threshold} of {@code children} hold; 1 ≤ threshold ≤ children. */
    record Gate(int threshold, List<AttributeTree> children) implements AttributeTree {
        public Gate {
            children = List.copyOf(children);
            if (threshold < 1 || threshold > children.size()) {
                throw new IllegalArgumentException("a gate's threshold is between 1 and its " + children.size() + " children");
            }
        }

        @Override
        public int leafCount() {
            int leaves = 0;
            for (AttributeTree child : children) {
                leaves += child.leafCount();
            }
            return leaves;
        }

        @Override
        public boolean isSatisfiedBy(Set<String> attributes) {
            int held = 0;
            for (AttributeTree child : children) {
                if (child.isSatisfiedBy(attributes) && ++held == threshold) {
                    return true;
                }
            }
            return false;
        }
    }

    record Leaf(String attribute) implements AttributeTree {
        @Override
        public int leafCount() {
            return 1;
        }

        @Override
        public boolean isSatisfiedBy(Set<String> attributes) {
            return attributes.contains(attribute);
        }
    }
}
