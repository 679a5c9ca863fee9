package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * libsecp256k1 (through JNI) against BouncyCastle: on the project's vectors, the keys every
 * Ethereum client derives and the EIP-712 signature ethers.js 6.17.0 made (see
 * {@link DatasetOrderVectorTest}), and on random keys, hashes and signatures, the two engines give
 * the same public keys, signatures, recovered keys and ECDH secrets, and each opens the other's
 * ECIES boxes. Runs where the native library is bundled: Linux on x86-64 or arm64.
 */
@EnabledIfSystemProperty(named = "os.name", matches = "Linux")
class Secp256k1EngineTest {

    private static final BigInteger N = Secp256k1.DOMAIN.getN();

    private final Secp256k1Engine nativeEngine = NativeSecp256k1.load();
    private final Secp256k1Engine bouncyCastle = new BouncyCastleSecp256k1();
    private final Random random = new Random(20261201);

    @Test
    void theNativeEngineIsTheOneInUse() {
        assertThat(Secp256k1.engine().name()).isEqualTo("native");
    }

    @Test
    void bothDeriveTheKnownAddresses() {
        for (Secp256k1Engine engine : new Secp256k1Engine[] {nativeEngine, bouncyCastle}) {
            assertThat(Secp256k1.address(engine.publicKey(Hashes.fromHex("0x" + "46".repeat(32)))))
                    .isEqualTo("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
            assertThat(Secp256k1.address(engine.publicKey(Secp256k1.fixed32(BigInteger.ONE))))
                    .isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
        }
    }

    @Test
    void bothMakeAndRecoverTheEthersSignature() {
        byte[] digest = Hashes.fromHex("0x91113fa576d222100b429ec5855f421c2aa9b52b9aecb5503932a41aca45c84d");
        byte[] key = Hashes.fromHex("0x" + "46".repeat(32));
        String ethersRs = "0x7eeb60bade1f98001d5ef28268990e46f6940d397a81c6196fc6a44a25b89346"
                + "1326bf607caad565348aa550112208ea100fb719ba71ffbc3859a97d95db5483";
        for (Secp256k1Engine engine : new Secp256k1Engine[] {nativeEngine, bouncyCastle}) {
            assertThat(Hashes.toHex0x(engine.sign(digest, key))).isEqualTo(ethersRs);
            // ethers' v is 0x1b = 27, recovery id 0
            assertThat(engine.recover(digest, Hashes.fromHex(ethersRs), 0)).isEqualTo(engine.publicKey(key));
        }
    }

    @Test
    void agreeOnRandomKeysSignaturesAndRecoveries() {
        for (int i = 0; i < 200; i++) {
            byte[] key = randomKey();
            byte[] hash = bytes(32);
            assertThat(nativeEngine.publicKey(key)).isEqualTo(bouncyCastle.publicKey(key));
            byte[] signature = nativeEngine.sign(hash, key);
            assertThat(signature).isEqualTo(bouncyCastle.sign(hash, key));
            for (int recId = 0; recId < 4; recId++) {
                assertThat(nativeEngine.recover(hash, signature, recId))
                        .isEqualTo(bouncyCastle.recover(hash, signature, recId));
            }
        }
    }

    @Test
    void agreeOnRandomSignaturesThatNoKeyMade() {
        int recovered = 0;
        for (int i = 0; i < 200; i++) {
            byte[] hash = bytes(32);
            byte[] signature = bytes(64);
            for (int recId = 0; recId < 4; recId++) {
                byte[] fromNative = nativeEngine.recover(hash, signature, recId);
                assertThat(fromNative).isEqualTo(bouncyCastle.recover(hash, signature, recId));
                recovered += fromNative == null ? 0 : 1;
            }
        }
        // about half of random x coordinates are on the curve: both paths, key and no key, were taken
        assertThat(recovered).isBetween(100, 700);
    }

    @Test
    void agreeOnEcdhAndOpenEachOthersBoxes() {
        for (int i = 0; i < 100; i++) {
            byte[] a = randomKey();
            byte[] b = randomKey();
            byte[] shared = nativeEngine.sharedX(bouncyCastle.publicKey(b), a);
            assertThat(shared).isEqualTo(bouncyCastle.sharedX(bouncyCastle.publicKey(b), a))
                    .isEqualTo(nativeEngine.sharedX(nativeEngine.publicKey(a), b));
        }
        BigInteger recipient = Secp256k1.newPrivateKey();
        byte[] context = Hashes.utf8("data:7:fragment:1");
        byte[] fromBouncyCastle = Ecies.encrypt(bouncyCastle, Secp256k1.publicKey(recipient),
                Hashes.utf8("fragment key"), context);
        byte[] fromNative = Ecies.encrypt(nativeEngine, Secp256k1.publicKey(recipient),
                Hashes.utf8("fragment key"), context);
        assertThat(new String(Ecies.decrypt(nativeEngine, recipient, fromBouncyCastle, context)))
                .isEqualTo("fragment key");
        assertThat(new String(Ecies.decrypt(bouncyCastle, recipient, fromNative, context)))
                .isEqualTo("fragment key");
    }

    private byte[] randomKey() {
        while (true) {
            BigInteger d = new BigInteger(256, random);
            if (d.signum() > 0 && d.compareTo(N) < 0) {
                return Secp256k1.fixed32(d);
            }
        }
    }

    private byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
