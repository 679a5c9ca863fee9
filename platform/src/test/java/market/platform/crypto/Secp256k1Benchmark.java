package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the cost of each secp256k1 operation on both engines, libsecp256k1 and BouncyCastle:
 * key derivation, signing, recovery and ECDH, after a warm-up. Run with
 * {@code mvn -pl platform test -Dgroups=benchmark -DexcludedGroups= -Dtest=Secp256k1Benchmark};
 * {@code -Dbench.rounds} sets the operations timed (5000). The figures are for reading.
 */
@Tag("benchmark")
class Secp256k1Benchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5000);

    @Test
    void printsTheCostOfEachOperation() {
        byte[] key = Secp256k1.fixed32(Secp256k1.newPrivateKey());
        byte[] other = Secp256k1.publicKey(Secp256k1.newPrivateKey());
        byte[] hash = Hashes.keccak256(Hashes.utf8("a buy request"));
        for (Secp256k1Engine engine : new Secp256k1Engine[] {NativeSecp256k1.load(), new BouncyCastleSecp256k1()}) {
            byte[] signature = engine.sign(hash, key);
            int recId = recId(engine, hash, signature, engine.publicKey(key));
            time(engine, "warm-up", () -> engine.recover(hash, signature, recId));
            time(engine, "public key", () -> engine.publicKey(key));
            time(engine, "sign", () -> engine.sign(hash, key));
            time(engine, "recover", () -> engine.recover(hash, signature, recId));
            time(engine, "ECDH", () -> engine.sharedX(other, key));
        }
        BigInteger recipient = Secp256k1.newPrivateKey();
        byte[] box = Ecies.encrypt(Secp256k1.publicKey(recipient), new byte[32], Hashes.utf8("context"));
        assertThat(Ecies.decrypt(recipient, box, Hashes.utf8("context"))).hasSize(32);
    }

    private static int recId(Secp256k1Engine engine, byte[] hash, byte[] signature, byte[] publicKey) {
        for (int recId = 0; recId < 4; recId++) {
            if (java.util.Arrays.equals(engine.recover(hash, signature, recId), publicKey)) {
                return recId;
            }
        }
        throw new AssertionError("no recovery id gives the key");
    }

    private static void time(Secp256k1Engine engine, String operation, Runnable step) {
        long started = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            step.run();
        }
        double micros = (System.nanoTime() - started) / 1e3 / ROUNDS;
        if (!operation.equals("warm-up")) {
            System.out.printf("secp256k1 %-12s %-10s %8.1f µs%n", engine.name(), operation, micros);
        }
    }
}
