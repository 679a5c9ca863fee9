package market.platform.crypto.abe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import market.platform.crypto.AesGcm;
import market.platform.crypto.abe.AccessPolicy.Comparable;
import market.platform.crypto.abe.AccessPolicy.Op;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pairing construction end to end: who opens a sealed key, who does not, and what a changed byte does. */
class CpAbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AbeMasterKey master;
    private static AccessPolicy seedPolicy;
    private static byte[] dataKey;

    @BeforeAll
    static void setUp() {
        master = CpAbe.setup();
        seedPolicy = AccessPolicyJson.read(AccessPolicyJsonTest.SEED_POLICY);
        dataKey = AesGcm.newKey();
    }

    @Test
    void aKeyThatSatisfiesThePolicyOpensTheDataKey() {
        AbeCiphertext sealed = CpAbe.encrypt(master, seedPolicy, dataKey);

        assertThat(CpAbe.decrypt(key("[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"}]"), sealed)).isEqualTo(dataKey);
        assertThat(CpAbe.decrypt(key("[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"17\"}]"), sealed)).isEqualTo(dataKey);
        assertThat(CpAbe.decrypt(key("[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"},"
                + "{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"10000\"}]"), sealed)).isEqualTo(dataKey);
    }

    @Test
    void aKeyThatDoesNotSatisfyThePolicyFails() {
        AbeCiphertext sealed = CpAbe.encrypt(master, seedPolicy, dataKey);

        for (String attributes : new String[] {
                "[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"goodbye\"}]",
                "[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"16\"}]",
                "[{\"name\":\"att2\",\"type\":\"plain\",\"value\":\"hello\"},{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"0\"}]"}) {
            AbeUserKey key = key(attributes);
            assertThatThrownBy(() -> CpAbe.decrypt(key, sealed)).as(attributes)
                    .isInstanceOf(AbeException.class)
                    .hasMessage("the key's attributes do not satisfy the ciphertext's policy");
        }
    }

    @Test
    void twoUsersCannotPoolTheirKeysToSatisfyAPolicyNeitherSatisfiesAlone() {
        AccessPolicy both = AccessPolicyJson.read("{\"Threshold\":2,\"Children\":["
                + "{\"name\":\"dept\",\"type\":\"plain\",\"value\":\"finance\"},"
                + "{\"name\":\"level\",\"type\":\"comparable\",\"value\":{\"op\":\">\",\"value\":\"3\",\"maxValue\":\"10\"}}]}");
        AbeCiphertext sealed = CpAbe.encrypt(master, both, dataKey);
        AbeUserKey alice = key("[{\"name\":\"dept\",\"type\":\"plain\",\"value\":\"finance\"},{\"name\":\"level\",\"type\":\"comparable\",\"value\":\"2\"}]");
        AbeUserKey bob = key("[{\"name\":\"dept\",\"type\":\"plain\",\"value\":\"sales\"},{\"name\":\"level\",\"type\":\"comparable\",\"value\":\"9\"}]");
        assertThatThrownBy(() -> CpAbe.decrypt(alice, sealed)).isInstanceOf(AbeException.class);
        assertThatThrownBy(() -> CpAbe.decrypt(bob, sealed)).isInstanceOf(AbeException.class);

        // Pooled: every component of both keys, under either user's D. The tree is now satisfied
        // by the attribute strings, so only the pairing can stop it.
        TreeMap<String, AbeUserKey.Component> pooled = new TreeMap<>(alice.components());
        bob.components().forEach(pooled::putIfAbsent);
        for (AbeUserKey colluders : new AbeUserKey[] {
                new AbeUserKey(alice.masterId(), alice.d(), pooled),
                new AbeUserKey(bob.masterId(), bob.d(), pooled)}) {
            assertThat(sealed.tree().isSatisfiedBy(colluders.components().keySet())).isTrue();
            assertThatThrownBy(() -> CpAbe.decrypt(colluders, sealed))
                    .isInstanceOf(AbeException.class)
                    .hasMessage("the ciphertext does not open: it was changed, or the key was");
        }
    }

    @Test
    void comparablesHoldAtMaxValueZeroAndTheBitBoundaries() {
        long max = 1023;
        long[][] cases = { // op as index: 0 >, 1 <, 2 =; then value, attribute, whether it opens
            {0, 1022, 1023, 1}, {0, 1023, 1023, 0}, {0, 1023, 1024, 1}, {2, 1023, 1023, 1},
            {1, 1023, 1022, 1}, {1, 1023, 1023, 0}, {1, 1, 0, 1}, {0, 0, 0, 0}, {0, 0, 1, 1},
            {2, 0, 0, 1}, {2, 0, 1024, 0}, {1, 512, 511, 1}, {1, 512, 512, 0}, {0, 511, 512, 1},
            {0, 511, 511, 0}, {2, 256, 256, 1}, {2, 256, 768, 0}, {1, 100, 1L << 40, 0}};
        for (long[] c : cases) {
            Op op = Op.values()[(int) c[0]];
            AbeCiphertext sealed = CpAbe.encrypt(master, new Comparable("n", op, c[1], max), dataKey);
            AbeUserKey key = CpAbe.keyGen(master, new AbeAttributes(new TreeMap<>(), new TreeMap<>(Map.of("n", c[2]))));
            String what = c[2] + " " + op.symbol() + " " + c[1];
            if (c[3] == 1) {
                assertThat(CpAbe.decrypt(key, sealed)).as(what).isEqualTo(dataKey);
            } else {
                assertThatThrownBy(() -> CpAbe.decrypt(key, sealed)).as(what)
                        .hasMessage("the key's attributes do not satisfy the ciphertext's policy");
            }
        }
        for (long[] c : new long[][] {{0, 1, 1}, {0, 0, 0}, {2, 0, 1}, {2, 1, 0}}) { // maxValue 0: >, = with key, opens
            Op op = Op.values()[(int) c[0]];
            AbeCiphertext sealed = CpAbe.encrypt(master, new Comparable("n", op, 0, 0), dataKey);
            AbeUserKey key = CpAbe.keyGen(master, new AbeAttributes(new TreeMap<>(), new TreeMap<>(Map.of("n", c[1]))));
            if (c[2] == 1) {
                assertThat(CpAbe.decrypt(key, sealed)).as("%d %s 0", c[1], op.symbol()).isEqualTo(dataKey);
            } else {
                assertThatThrownBy(() -> CpAbe.decrypt(key, sealed)).as("%d %s 0", c[1], op.symbol())
                        .hasMessage("the key's attributes do not satisfy the ciphertext's policy");
            }
        }
        AbeCiphertext atMax = CpAbe.encrypt(master, new Comparable("n", Op.EQUAL, Long.MAX_VALUE, Long.MAX_VALUE), dataKey);
        AbeUserKey maxKey = CpAbe.keyGen(master, new AbeAttributes(new TreeMap<>(), new TreeMap<>(Map.of("n", Long.MAX_VALUE))));
        assertThat(CpAbe.decrypt(maxKey, atMax)).isEqualTo(dataKey);
    }

    @Test
    void keysAndCiphertextsRoundTripThroughTheirBytes() {
        AbeMasterKey restoredMaster = AbeMasterKey.decode(master.encode());
        assertThat(restoredMaster).isEqualTo(master);
        assertThat(restoredMaster.id()).isEqualTo(master.id());

        AbeUserKey key = key("[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"}]");
        byte[] keyBytes = key.encode();
        AbeUserKey restoredKey = AbeUserKey.decode(keyBytes);
        assertThat(restoredKey.encode()).isEqualTo(keyBytes);

        byte[] sealedBytes = CpAbe.encrypt(restoredMaster, seedPolicy, dataKey).encode();
        AbeCiphertext restored = AbeCiphertext.decode(sealedBytes);
        assertThat(restored.encode()).isEqualTo(sealedBytes);
        assertThat(CpAbe.decrypt(restoredKey, restored)).isEqualTo(dataKey);
        assertThat(master.toString()).doesNotContain(master.beta().toString(16)).doesNotContain(master.alpha().toString(16));
        assertThat(key.toString()).isEqualTo("AbeUserKey[master=" + market.platform.crypto.Hashes.toHex0x(master.id()) + ", attributes=1]");
    }

    @Test
    void aChangedCiphertextFailsClosed() {
        AbeUserKey key = key("[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"},{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"17\"}]");
        AbeCiphertext ciphertext = CpAbe.encrypt(master, seedPolicy, dataKey);
        byte[] sealed = ciphertext.encode();
        int box = sealed.length - ciphertext.sealed().length;
        int changes = 0;
        int positions = 0;
        // every byte of the sealed box and of the 48-byte C after the id, and every 13th byte
        // elsewhere; 0x20 is the sign bit of a compressed point, the one flip that still decodes
        for (int position = 0; position < sealed.length; position++) {
            boolean everyByte = position >= box || position >= 36 && position < 36 + 48;
            if (!everyByte && position % 13 != 0) {
                continue;
            }
            positions++;
            for (int bit : new int[] {0x01, 0x20, 0x80}) {
                byte[] changed = sealed.clone();
                changed[position] ^= (byte) bit;
                assertThatThrownBy(() -> CpAbe.decrypt(key, AbeCiphertext.decode(changed)))
                        .as("byte %d, bit %x", position, bit)
                        .isInstanceOf(AbeException.class);
                changes++;
            }
        }
        assertThat(changes).isEqualTo(3 * positions);
        assertThat(positions).isGreaterThan(ciphertext.sealed().length + 48 + (box - 48) / 13 - 2);
        assertThatThrownBy(() -> CpAbe.decrypt(key, AbeCiphertext.decode(java.util.Arrays.copyOf(sealed, sealed.length - 20))))
                .isInstanceOf(AbeException.class).hasMessage("the ciphertext does not open: it was changed, or the key was");
        assertThatThrownBy(() -> AbeCiphertext.decode(java.util.Arrays.copyOf(sealed, 100)))
                .isInstanceOf(AbeException.class).hasMessage("ABE ciphertext is cut short");
        assertThatThrownBy(() -> AbeUserKey.decode(java.util.Arrays.copyOf(key.encode(), 200)))
                .isInstanceOf(AbeException.class).hasMessage("ABE user key is cut short");
        byte[] longer = java.util.Arrays.copyOf(key.encode(), key.encode().length + 1);
        assertThatThrownBy(() -> AbeUserKey.decode(longer)).isInstanceOf(AbeException.class)
                .hasMessage("ABE user key has 1 bytes past its end");
    }

    @Test
    void aKeyOfAnotherMasterKeyIsToldSo() {
        AbeCiphertext sealed = CpAbe.encrypt(master, seedPolicy, dataKey);
        AbeUserKey stranger = CpAbe.keyGen(CpAbe.setup(), AbeAttributes.read(
                readJson("[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"}]")));

        assertThatThrownBy(() -> CpAbe.decrypt(stranger, sealed))
                .isInstanceOf(AbeException.class)
                .hasMessage("the key was issued under another master key than the ciphertext's");
    }

    @Test
    void aKeyHoldsOneComponentPerPlainValueAndABagOfBitsPerComparable() {
        Set<String> components = AbeAttributes.read(readJson("[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"},"
                + "{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"5\"}]")).components();

        assertThat(components).hasSize(1 + AttributeNames.VALUE_BITS + AttributeNames.RANGE_POWERS)
                .contains("p:att1=hello", "b:att3#0=1", "b:att3#1=0", "b:att3#2=1", "b:att3#62=0",
                        "r:att3>=2^2", "r:att3<2^3", "r:att3<2^63");
    }

    private static AbeUserKey key(String attributes) {
        return CpAbe.keyGen(master, AbeAttributes.read(readJson(attributes)));
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
