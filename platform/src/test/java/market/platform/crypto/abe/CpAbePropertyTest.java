package market.platform.crypto.abe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import market.platform.crypto.abe.AccessPolicy.Comparable;
import market.platform.crypto.abe.AccessPolicy.Op;
import market.platform.crypto.abe.AccessPolicy.Plain;
import market.platform.crypto.abe.AccessPolicy.Threshold;
import org.junit.jupiter.api.Test;

/**
 * Random policies (nested thresholds, plain and comparable leaves) against random attribute
 * sets: a key opens the ciphertext exactly when the policy, evaluated directly on the integers
 * and strings, holds. {@code -Dabe.seed} and {@code -Dabe.cases} explore further.
 */
class CpAbePropertyTest {

    private static final long SEED = Long.getLong("abe.seed", 20261202L);
    private static final int CASES = Integer.getInteger("abe.cases", 60);
    private static final String[] PLAIN_NAMES = {"dept", "role", "site"};
    private static final String[] PLAIN_VALUES = {"a", "b"};
    private static final String[] COMPARABLE_NAMES = {"age", "level"};
    private static final long[] MAX_VALUES = {0, 1, 7, 8, 100, 1000};

    @Test
    void aKeyOpensTheCiphertextExactlyWhenThePolicyHolds() {
        AbeMasterKey master = CpAbe.setup();
        byte[] secret = "the data key of one dataset, 32b".getBytes();
        int opened = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Random random = new Random(SEED + i);
            AccessPolicy policy = threshold(random, 0);
            AbeAttributes attributes = attributes(random);
            boolean holds = holds(policy, attributes);
            String what = "case " + i + " (seed " + (SEED + i) + "): " + AccessPolicyJson.write(policy) + " with " + attributes.write();
            AbeCiphertext sealed;
            try {
                sealed = CpAbe.encrypt(master, policy, secret);
            } catch (AbeException e) {
                assertThat(e).as(what).hasMessage("policy can never be satisfied");
                assertThat(holds).as(what).isFalse();
                continue;
            }
            AbeUserKey key = CpAbe.keyGen(master, attributes);
            if (holds) {
                assertThat(CpAbe.decrypt(key, AbeCiphertext.decode(sealed.encode()))).as(what).isEqualTo(secret);
                opened++;
            } else {
                assertThatThrownBy(() -> CpAbe.decrypt(key, sealed)).as(what).isInstanceOf(AbeException.class);
                refused++;
            }
        }
        assertThat(opened).as("cases that open").isGreaterThan(CASES / 5);
        assertThat(refused).as("cases that are refused").isGreaterThan(CASES / 5);
    }

    private static Threshold threshold(Random random, int depth) {
        int count = 1 + random.nextInt(4);
        List<AccessPolicy> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(depth < 2 ? 3 : 2);
            if (kind == 2) {
                children.add(threshold(random, depth + 1));
            } else if (kind == 1) {
                long max = MAX_VALUES[random.nextInt(MAX_VALUES.length)];
                children.add(new Comparable(COMPARABLE_NAMES[random.nextInt(COMPARABLE_NAMES.length)],
                        Op.values()[random.nextInt(3)], (long) (random.nextDouble() * (max + 1)), max));
            } else {
                children.add(new Plain(PLAIN_NAMES[random.nextInt(PLAIN_NAMES.length)],
                        PLAIN_VALUES[random.nextInt(PLAIN_VALUES.length)]));
            }
        }
        return new Threshold(1 + random.nextInt(count), children);
    }

    private static AbeAttributes attributes(Random random) {
        TreeMap<String, Set<String>> plain = new TreeMap<>();
        for (String name : PLAIN_NAMES) {
            for (String value : PLAIN_VALUES) {
                if (random.nextInt(3) == 0) {
                    plain.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
                }
            }
        }
        TreeMap<String, Long> comparable = new TreeMap<>();
        for (String name : COMPARABLE_NAMES) {
            if (random.nextInt(4) != 0) {
                comparable.put(name, (long) random.nextInt(random.nextBoolean() ? 12 : 1100));
            }
        }
        if (plain.isEmpty() && comparable.isEmpty()) {
            plain.put("other", Set.of("z"));
        }
        return new AbeAttributes(plain, comparable);
    }

    /** The policy evaluated on the attributes themselves, independent of the compiled tree. */
    private static boolean holds(AccessPolicy policy, AbeAttributes attributes) {
        if (policy instanceof Plain p) {
            return attributes.plain().getOrDefault(p.name(), Set.of()).contains(p.value());
        }
        if (policy instanceof Comparable c) {
            Long value = attributes.comparable().get(c.name());
            return value != null && c.op().holds(value, c.value());
        }
        Threshold t = (Threshold) policy;
        return t.children().stream().filter(child -> holds(child, attributes)).count() >= t.threshold();
    }
}
