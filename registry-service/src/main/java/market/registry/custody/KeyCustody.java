package market.registry.custody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Ecies;
import market.platform.crypto.KeyRelease;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.crypto.abe.AccessPolicy;
import market.platform.crypto.abe.CpAbe;
import market.registry.dataset.domain.WrappedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's custody of fragment keys. A plain {@code encrypt_key} is sealed with the
 * custody key (AES-256-GCM, bound to the data id and fragment number) as soon as the request
 * is read; only the sealed form reaches a topic. The custody key comes from configuration, or
 * is generated on first start into {@code <data-dir>/custody.key}, readable by its owner only.
 */
public final class KeyCustody {

    private static final Logger log = LoggerFactory.getLogger(KeyCustody.class);

    private final byte[] key;
    private final String keyId;

    KeyCustody(byte[] key) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("custody key must be 32 bytes");
        }
        this.key = key.clone();
        this.keyId = Hashes.sha256Hex(Hashes.keccak256(Hashes.utf8("custody-key-id"), key)).substring(0, 16);
    }

    /** The configured key (base64) if given, else the key file in {@code dataDir}, created when absent. */
    public static KeyCustody load(String configuredBase64, Path dataDir) {
        if (configuredBase64 != null && !configuredBase64.isBlank()) {
            return new KeyCustody(Base64.getDecoder().decode(configuredBase64.trim()));
        }
        Path file = dataDir.resolve("custody.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] fresh = AesGcm.newKey();
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.CREATE_NEW);
                if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                log.info("generated a new custody key in {}", file);
            }
            return new KeyCustody(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create custody key " + file, e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public WrappedKey wrap(long dataId, long fragmentNo, String plainKey) {
        return new WrappedKey(AesGcm.seal(key, Hashes.utf8(plainKey), context(dataId, fragmentNo)), keyId);
    }

    public String unwrap(long dataId, long fragmentNo, WrappedKey wrapped) {
        byte[] plain = open(dataId, fragmentNo, wrapped);
        try {
            return new String(plain, java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a custody-wrapped key and seals it to a buyer's secp256k1 public key with ECIES, under
     * {@link KeyRelease#context}; the plain key exists only inside this call.
     */
    public byte[] releaseTo(byte[] buyerPublicKey, long dataId, long fragmentNo, WrappedKey wrapped) {
        byte[] plain = open(dataId, fragmentNo, wrapped);
        try {
            return Ecies.encrypt(buyerPublicKey, plain, KeyRelease.context(dataId, fragmentNo));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * For a {@code category: abe} product: opens a custody-wrapped key, seals it under the
     * product's policy with the provider's ABE master key ({@link CpAbe}), and seals that
     * ciphertext to the buyer's secp256k1 key with ECIES under {@link KeyRelease#context}. The buyer
     * needs both its account key and an attribute key that satisfies the policy.
     */
    public byte[] releaseUnderPolicy(byte[] buyerPublicKey, long dataId, long fragmentNo, WrappedKey wrapped,
            AbeMasterKey master, AccessPolicy policy) {
        byte[] plain = open(dataId, fragmentNo, wrapped);
        try {
            byte[] sealed = CpAbe.encrypt(master, policy, plain).encode();
            return Ecies.encrypt(buyerPublicKey, sealed, KeyRelease.context(dataId, fragmentNo));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Seals a provider's secret (its ABE master key, its watermark key) with the custody key, bound
     * to what it is and whose: a sealed secret moved to another purpose or provider does not open.
     */
    public WrappedKey sealSecret(String purpose, String owner, byte[] secret) {
        return new WrappedKey(AesGcm.seal(key, secret, secretContext(purpose, owner)), keyId);
    }

    /** The plain bytes of a secret sealed by {@link #sealSecret}; the caller zeroes them. */
    public byte[] openSecret(String purpose, String owner, WrappedKey wrapped) {
        if (!wrapped.custodyKeyId().equals(keyId)) {
            throw new IllegalArgumentException("sealed with custody key " + wrapped.custodyKeyId() + ", not " + keyId);
        }
        return AesGcm.open(key, wrapped.sealed(), secretContext(purpose, owner));
    }

    private static byte[] secretContext(String purpose, String owner) {
        return Hashes.utf8("market-registry-custody-secret-1:" + purpose + ":" + owner);
    }

    /** The plain key bytes of a key sealed with this custody key; the caller zeroes them. */
    private byte[] open(long dataId, long fragmentNo, WrappedKey wrapped) {
        if (!wrapped.custodyKeyId().equals(keyId)) {
            throw new IllegalArgumentException("sealed with custody key " + wrapped.custodyKeyId() + ", not " + keyId);
        }
        return AesGcm.open(key, wrapped.sealed(), context(dataId, fragmentNo));
    }

    private static byte[] context(long dataId, long fragmentNo) {
        return Hashes.utf8("market-registry-custody-1:" + dataId + ":" + fragmentNo);
    }

    @Override
    public String toString() {
        return "KeyCustody[" + keyId + "]";
    }
}
