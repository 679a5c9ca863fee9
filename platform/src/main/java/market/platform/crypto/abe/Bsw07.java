package market.platform.crypto.abe;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.platform.crypto.abe.AbeCiphertext.LeafElements;
import market.platform.crypto.abe.AttributeTree.Gate;
import market.platform.crypto.abe.AttributeTree.Leaf;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.PT;

/**
 * Ciphertext-policy ABE of Bethencourt, Sahai and Waters, "Ciphertext-Policy Attribute-Based
 * Encryption" (IEEE S&amp;P 2007), moved to the asymmetric pairing e: G1 × G2 → GT of BLS12-381.
 * Ciphertext elements C, C_y live in G1 and C'_y = H(att)^q in G2; key elements D, D_j in G2
 * and D'_j in G1, so every pairing of the decryption has one side of each. The encapsulated
 * value is e(g1, g2)^(αs). It is computed from α, so encryption is done by the master key's
 * holder (blst cannot read a GT element from bytes, which a public e(g1,g2)^α would need).
 * Decryption pairs, for a satisfying set of leaves with Lagrange coefficients λ_y folded into the
 * G1 points first: e(C, D) · Π e(C_y^(-λ_y), D_j) · e(D'_j^(λ_y), C'_y) = e(g1, g2)^(αs), one
 * product of Miller loops and one final exponentiation.
 */
final class Bsw07 {

    private Bsw07() {}

    record Encapsulation(P1_Affine c, List<LeafElements> leaves, PT secret) {}

    static AbeMasterKey setup() {
        return new AbeMasterKey(Bls12381.randomScalar(), Bls12381.randomScalar());
    }

    static AbeUserKey keyGen(AbeMasterKey master, Iterable<String> attributes) {
        BigInteger r = Bls12381.randomScalar();
        BigInteger exponent = master.alpha().add(r).multiply(master.beta().modInverse(Bls12381.ORDER));
        P2_Affine g2r = Bls12381.g2(r);
        TreeMap<String, AbeUserKey.Component> components = new TreeMap<>();
        for (String attribute : attributes) {
            BigInteger rj = Bls12381.randomScalar();
            components.put(attribute, new AbeUserKey.Component(
                    Bls12381.plus(g2r, Bls12381.times(Bls12381.hashToG2(attribute), rj)),
                    Bls12381.g1(rj)));
        }
        return new AbeUserKey(master.id(), Bls12381.g2(exponent), components);
    }

    static Encapsulation encapsulate(AbeMasterKey master, AttributeTree tree) {
        BigInteger s = Bls12381.randomScalar();
        List<LeafElements> leaves = new ArrayList<>();
        share(tree, s, leaves, new HashMap<>());
        PT secret = new PT(Bls12381.g1(master.alpha().multiply(s)), Bls12381.g2()).final_exp();
        return new Encapsulation(Bls12381.times(master.h(), s), leaves, secret);
    }

    /** Splits {@code secret} down the tree: a gate of threshold k shares it with a random polynomial of degree k-1. */
    private static void share(AttributeTree node, BigInteger secret, List<LeafElements> leaves, Map<String, P2_Affine> hashes) {
        if (node instanceof Leaf leaf) {
            P2_Affine h = hashes.computeIfAbsent(leaf.attribute(), Bls12381::hashToG2);
            leaves.add(new LeafElements(Bls12381.g1(secret), Bls12381.times(h, secret)));
            return;
        }
        Gate gate = (Gate) node;
        BigInteger[] coefficients = new BigInteger[gate.threshold()];
        coefficients[0] = secret;
        for (int i = 1; i < coefficients.length; i++) {
            coefficients[i] = Bls12381.randomScalar();
        }
        for (int x = 1; x <= gate.children().size(); x++) {
            share(gate.children().get(x - 1), evaluate(coefficients, x), leaves, hashes);
        }
    }

    private static BigInteger evaluate(BigInteger[] coefficients, int x) {
        BigInteger value = BigInteger.ZERO;
        BigInteger point = BigInteger.valueOf(x);
        for (int i = coefficients.length - 1; i >= 0; i--) {
            value = value.multiply(point).add(coefficients[i]).mod(Bls12381.ORDER);
        }
        return value;
    }

    /** e(g1, g2)^(αs), or null when the key's attributes do not satisfy the tree. */
    static PT decapsulate(AbeUserKey key, P1_Affine c, AttributeTree tree, List<LeafElements> leaves) {
        Map<Integer, BigInteger> chosen = choose(tree, key, new int[1]);
        if (chosen == null) {
            return null;
        }
        PT product = new PT(c, key.d());
        List<String> attributes = attributes(tree);
        chosen.forEach((leaf, lambda) -> {
            AbeUserKey.Component component = key.components().get(attributes.get(leaf));
            LeafElements elements = leaves.get(leaf);
            product.mul(new PT(Bls12381.times(elements.c(), lambda.negate()), component.d()));
            product.mul(new PT(Bls12381.times(component.dPrime(), lambda), elements.cPrime()));
        });
        return product.final_exp();
    }

    /**
     * The leaves (by tree order) a satisfying set uses, each with the product of the Lagrange
     * coefficients on its path; at each gate the children with the fewest leaves are taken.
     */
    private static Map<Integer, BigInteger> choose(AttributeTree node, AbeUserKey key, int[] nextLeaf) {
        if (node instanceof Leaf leaf) {
            int index = nextLeaf[0]++;
            return key.components().containsKey(leaf.attribute()) ? Map.of(index, BigInteger.ONE) : null;
        }
        Gate gate = (Gate) node;
        List<Map<Integer, BigInteger>> satisfied = new ArrayList<>();
        List<Integer> points = new ArrayList<>();
        for (int x = 1; x <= gate.children().size(); x++) {
            Map<Integer, BigInteger> child = choose(gate.children().get(x - 1), key, nextLeaf);
            if (child != null) {
                satisfied.add(child);
                points.add(x);
            }
        }
        if (satisfied.size() < gate.threshold()) {
            return null;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < satisfied.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(satisfied.get(a).size(), satisfied.get(b).size()));
        List<Integer> used = order.subList(0, gate.threshold());
        List<Integer> usedPoints = used.stream().map(points::get).toList();
        Map<Integer, BigInteger> out = new TreeMap<>();
        for (int i : used) {
            BigInteger lambda = lagrangeAtZero(points.get(i), usedPoints);
            satisfied.get(i).forEach((leaf, coefficient) ->
                    out.put(leaf, coefficient.multiply(lambda).mod(Bls12381.ORDER)));
        }
        return out;
    }

    /** Δ_{x,S}(0) = Π_{j ∈ S, j ≠ x} (0 - j) / (x - j) mod r. */
    static BigInteger lagrangeAtZero(int x, List<Integer> points) {
        BigInteger numerator = BigInteger.ONE;
        BigInteger denominator = BigInteger.ONE;
        for (int j : points) {
            if (j != x) {
                numerator = numerator.multiply(BigInteger.valueOf(-j));
                denominator = denominator.multiply(BigInteger.valueOf(x - j));
            }
        }
        return numerator.multiply(denominator.mod(Bls12381.ORDER).modInverse(Bls12381.ORDER)).mod(Bls12381.ORDER);
    }

    private static List<String> attributes(AttributeTree node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(AttributeTree node, List<String> out) {
        if (node instanceof Leaf leaf) {
            out.add(leaf.attribute());
        } else {
            ((Gate) node).children().forEach(child -> collect(child, out));
        }
    }
}
