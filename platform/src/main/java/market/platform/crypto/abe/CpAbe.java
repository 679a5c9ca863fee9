package market.platform.crypto.abe;

import java.util.Arrays;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Hashes;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import supranational.blst.PT;

/**
 * Seals a short secret (a dataset's AES key) under an {@link AccessPolicy}, and opens it with an
 * {@link AbeUserKey} whose attributes satisfy the policy. The pairing part is {@link Bsw07}'s
 * key encapsulation; HKDF-SHA256 (salt: the master id) turns e(g1, g2)^(αs) into an AES-256-GCM
 * key, and the ciphertext's header is the associated data. Opening fails closed: a key that does
 * not satisfy the policy, a key of another master key, and a changed ciphertext each give an
 * {@link AbeException} and no bytes.
 */
public final class CpAbe {

    private static final byte[] KDF_LABEL = Hashes.utf8("market-cpabe-bsw07-bls12381-hkdf-sha256-aes256gcm-1");

    private CpAbe() {}

    public static AbeMasterKey setup() {
        return Bsw07.setup();
    }

    public static AbeUserKey keyGen(AbeMasterKey master, AbeAttributes attributes) {
        return Bsw07.keyGen(master, attributes.components());
    }

    public static AbeCiphertext encrypt(AbeMasterKey master, AccessPolicy policy, byte[] secret) {
        AttributeTree tree = PolicyCompiler.compile(policy);
        Bsw07.Encapsulation encapsulation = Bsw07.encapsulate(master, tree);
        AbeCiphertext unsealed = new AbeCiphertext(master.id(), encapsulation.c(), tree, encapsulation.leaves(), new byte[0]);
        byte[] key = key(encapsulation.secret(), unsealed.masterId());
        try {
            return new AbeCiphertext(unsealed.masterId(), unsealed.c(), tree, unsealed.leaves(),
                    AesGcm.seal(key, secret, unsealed.header()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public static byte[] decrypt(AbeUserKey key, AbeCiphertext ciphertext) {
        if (!Arrays.equals(key.masterId(), ciphertext.masterId())) {
            throw new AbeException("the key was issued under another master key than the ciphertext's");
        }
        PT value = Bsw07.decapsulate(key, ciphertext.c(), ciphertext.tree(), ciphertext.leaves());
        if (value == null) {
            throw new AbeException("the key's attributes do not satisfy the ciphertext's policy");
        }
        byte[] aesKey = key(value, ciphertext.masterId());
        try {
            return AesGcm.open(aesKey, ciphertext.sealed(), ciphertext.header());
        } catch (IllegalArgumentException e) {
            throw new AbeException("the ciphertext does not open: it was changed, or the key was");
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    private static byte[] key(PT value, byte[] masterId) {
        byte[] ikm = value.to_bendian();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, masterId, KDF_LABEL));
        byte[] key = new byte[AesGcm.KEY_BYTES];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(ikm, (byte) 0);
        return key;
    }
}
