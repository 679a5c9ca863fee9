package market.bench.datashare;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import market.platform.crypto.AesGcm;
import market.platform.crypto.abe.AbeAttributes;
import market.platform.crypto.abe.AbeCiphertext;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.crypto.abe.AbeUserKey;
import market.platform.crypto.abe.AccessPolicy;
import market.platform.crypto.abe.CpAbe;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of the CP-ABE construction on BLS12-381: master key setup, a user key for the
 * policy's attributes, sealing a data key under a policy, and opening it. The policy is an AND
 * of {@code leaves} plain attributes, so opening uses every leaf (the most work a policy of that
 * size asks); {@code keyGenComparable} issues a key for one comparable attribute (127
 * components). Scores are milliseconds an operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AbeBenchmark {

    @Param({"5", "50"})
    public int leaves;

    private AbeMasterKey master;
    private AccessPolicy policy;
    private AbeAttributes attributes;
    private AbeUserKey key;
    private AbeCiphertext sealed;
    private final byte[] dataKey = AesGcm.newKey();

    @Setup
    public void prepare() {
        master = CpAbe.setup();
        List<AccessPolicy> children = new ArrayList<>();
        TreeMap<String, Set<String>> plain = new TreeMap<>();
        for (int i = 0; i < leaves; i++) {
            children.add(new AccessPolicy.Plain("att" + i, "v" + i));
            plain.put("att" + i, Set.of("v" + i));
        }
        policy = new AccessPolicy.Threshold(leaves, children);
        attributes = new AbeAttributes(plain, new TreeMap<>());
        key = CpAbe.keyGen(master, attributes);
        sealed = CpAbe.encrypt(master, policy, dataKey);
        if (!java.util.Arrays.equals(CpAbe.decrypt(key, sealed), dataKey)) {
            throw new IllegalStateException("the key does not open the sealed data key");
        }
    }

    @Benchmark
    public AbeMasterKey setup() {
        return CpAbe.setup();
    }

    @Benchmark
    public AbeUserKey keyGen() {
        return CpAbe.keyGen(master, attributes);
    }

    @Benchmark
    public AbeCiphertext encrypt() {
        return CpAbe.encrypt(master, policy, dataKey);
    }

    @Benchmark
    public byte[] decrypt() {
        return CpAbe.decrypt(key, sealed);
    }

    @Benchmark
    public AbeUserKey keyGenComparable() {
        return CpAbe.keyGen(master, new AbeAttributes(new TreeMap<>(), new TreeMap<>(java.util.Map.of("level", 1000L + leaves))));
    }
}
