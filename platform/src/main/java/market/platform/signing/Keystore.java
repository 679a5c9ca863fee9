package market.platform.signing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import market.platform.crypto.Addresses;
import market.platform.crypto.Hashes;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An account key in the Ethereum keystore format, version 3 (the Web3 Secret Storage
 * Definition, as geth, ethers.js and MetaMask write it): the passphrase is stretched with scrypt
 * (or, when reading, PBKDF2-HMAC-SHA256) into 32 bytes; the first 16 key AES-128-CTR over the
 * private key, and the MAC is Keccak-256 of the last 16 and the ciphertext, so a wrong passphrase
 * or a changed file is found before any key is used. The passphrase is taken as UTF-8 after NFKC
 * normalisation, as ethers.js does (an ASCII passphrase is the same bytes for every tool).
 */
public final class Keystore {

    /** scrypt's cost for new files: ethers.js's default (2^17, r 8, p 1), 128 MiB and about a second. */
    public static final ScryptParams STANDARD = new ScryptParams(1 << 17, 8, 1);

    /** A cheap cost for throwaway accounts (geth's {@code --lightkdf}: 2^12, r 8, p 6). */
    public static final ScryptParams LIGHT = new ScryptParams(1 << 12, 8, 6);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DKLEN = 32;
    // a hostile file must not take all memory or days to try: geth's standard cost (2^18, r 8, p 1)
    // is 256 MiB and one pass
    private static final long MAX_SCRYPT_MEMORY = 1L << 30;
    private static final long MAX_SCRYPT_WORK = 1L << 32;
    private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

    private Keystore() {}

    /**
     * scrypt's parameters: cost {@code n} (a power of two up to 2^20), block size {@code r} (up to
     * 32), parallelism {@code p} (up to 16), within 1 GiB of memory and 4 GiB of block work.
     */
    public record ScryptParams(int n, int r, int p) {
        public ScryptParams {
            if (n < 2 || Integer.bitCount(n) != 1 || n > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16
                    || 128L * r * n > MAX_SCRYPT_MEMORY || 128L * r * n * p > MAX_SCRYPT_WORK) {
                throw new IllegalArgumentException("scrypt needs n a power of two from 2 to 2^20, r from 1 to 32, "
                        + "p from 1 to 16, at most 1 GiB of memory and 4 GiB of work");
            }
        }
    }

    /** A keystore file could not be read: not one, a kind this reader does not know, or the wrong passphrase. */
    public static final class KeystoreException extends Exception {
        public KeystoreException(String message) {
            super(message);
        }
    }

    /** The keystore JSON of {@code wallet} under {@code passphrase}, with a fresh salt, IV and id. */
    public static String encrypt(Wallet wallet, char[] passphrase, ScryptParams params) {
        byte[] salt = new byte[32];
        byte[] iv = new byte[16];
        byte[] uuid = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        RANDOM.nextBytes(uuid);
        return encrypt(wallet, passphrase, params, salt, iv, uuid);
    }

    /** As {@link #encrypt(Wallet, char[], ScryptParams)} with the given salt, IV and id bytes (for vectors). */
    static String encrypt(Wallet wallet, char[] passphrase, ScryptParams params, byte[] salt, byte[] iv, byte[] uuid) {
        byte[] password = password(passphrase);
        byte[] derived = SCrypt.generate(password, salt, params.n(), params.r(), params.p(), DKLEN);
        Arrays.fill(password, (byte) 0);
        byte[] privateKey = wallet.privateKeyBytes();
        try {
            byte[] ciphertext = aesCtr(derived, iv, privateKey);
            byte[] mac = Hashes.keccak256(Arrays.copyOfRange(derived, 16, 32), ciphertext);
            HexFormat hex = HexFormat.of();
            ObjectNode root = JSON.createObjectNode();
            root.put("address", wallet.address().substring(2));
            root.put("id", uuidV4(uuid));
            root.put("version", 3);
            ObjectNode crypto = root.putObject("crypto");
            crypto.put("cipher", "aes-128-ctr");
            crypto.putObject("cipherparams").put("iv", hex.formatHex(iv));
            crypto.put("ciphertext", hex.formatHex(ciphertext));
            crypto.put("kdf", "scrypt");
            crypto.putObject("kdfparams").put("dklen", DKLEN).put("n", params.n()).put("p", params.p())
                    .put("r", params.r()).put("salt", hex.formatHex(salt));
            crypto.put("mac", hex.formatHex(mac));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } finally {
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /** The wallet a keystore JSON holds, opened with {@code passphrase}. */
    public static Wallet decrypt(String json, char[] passphrase) throws KeystoreException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new KeystoreException("not a keystore: the file is not JSON");
        }
        if (root == null || !root.isObject() || root.path("version").asInt(0) != 3) {
            throw new KeystoreException("not a version 3 keystore");
        }
        // geth writes "crypto", ethers.js "Crypto"
        JsonNode crypto = root.has("crypto") ? root.get("crypto") : root.path("Crypto");
        if (!"aes-128-ctr".equals(crypto.path("cipher").asString(""))) {
            throw new KeystoreException("the keystore's cipher is not aes-128-ctr");
        }
        byte[] iv = hex(crypto.path("cipherparams").path("iv"), "iv", 16);
        byte[] ciphertext = hex(crypto.path("ciphertext"), "ciphertext", 32);
        byte[] mac = hex(crypto.path("mac"), "mac", 32);
        byte[] derived = derive(crypto, passphrase);
        try {
            byte[] expected = Hashes.keccak256(Arrays.copyOfRange(derived, 16, 32), ciphertext);
            if (!MessageDigest.isEqual(expected, mac)) {
                throw new KeystoreException("wrong passphrase, or the keystore was changed (its MAC does not match)");
            }
            byte[] privateKey = aesCtr(derived, iv, ciphertext);
            try {
                Wallet wallet = Wallet.fromPrivateKey(HexFormat.of().formatHex(privateKey));
                String address = root.path("address").asString("");
                if (!address.isEmpty() && !Addresses.normalize(address.startsWith("0x") ? address : "0x" + address)
                        .equals(wallet.address())) {
                    throw new KeystoreException("the keystore's address is not that of its key");
                }
                return wallet;
            } catch (IllegalArgumentException e) {
                throw new KeystoreException("the keystore holds no valid secp256k1 key: " + e.getMessage());
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static byte[] derive(JsonNode crypto, char[] passphrase) throws KeystoreException {
        JsonNode params = crypto.path("kdfparams");
        if (params.path("dklen").asInt(0) != DKLEN) {
            throw new KeystoreException("the keystore's dklen is not 32");
        }
        byte[] salt = hex(params.path("salt"), "salt", -1);
        String kdf = crypto.path("kdf").asString("");
        if (kdf.equals("scrypt")) {
            ScryptParams scrypt;
            try {
                scrypt = new ScryptParams(params.path("n").asInt(0), params.path("r").asInt(0), params.path("p").asInt(0));
            } catch (IllegalArgumentException e) {
                throw new KeystoreException("the keystore's scrypt parameters are out of range: " + e.getMessage());
            }
            byte[] password = password(passphrase);
            try {
                return SCrypt.generate(password, salt, scrypt.n(), scrypt.r(), scrypt.p(), DKLEN);
            } catch (RuntimeException e) {
                throw new KeystoreException("the keystore's scrypt parameters cannot be used: " + e.getMessage());
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }
        if (kdf.equals("pbkdf2")) {
            int rounds = params.path("c").asInt(0);
            if (!"hmac-sha256".equals(params.path("prf").asString("")) || rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) {
                throw new KeystoreException("the keystore's pbkdf2 needs prf hmac-sha256 and 1 to "
                        + MAX_PBKDF2_ROUNDS + " rounds");
            }
            byte[] password = password(passphrase);
            try {
                PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
                generator.init(password, salt, rounds);
                return ((KeyParameter) generator.generateDerivedParameters(DKLEN * 8)).getKey();
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }
        throw new KeystoreException("the keystore's kdf is " + kdf + ", not scrypt or pbkdf2");
    }

    private static byte[] aesCtr(byte[] derived, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, 16, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR is not available", e);
        }
    }

    private static byte[] password(char[] passphrase) {
        String normalized = Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFKC);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(normalized);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static byte[] hex(JsonNode node, String name, int length) throws KeystoreException {
        String text = node.asString("").toLowerCase(Locale.ROOT);
        if (text.startsWith("0x")) {
            text = text.substring(2);
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(text);
            if (bytes.length == 0 || length > 0 && bytes.length != length) {
                throw new KeystoreException("the keystore's " + name + " is not " + (length > 0 ? length + " bytes" : "set"));
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new KeystoreException("the keystore's " + name + " is not hex");
        }
    }

    /** A version 4 UUID from 16 random bytes, formatted as ethers.js does. */
    private static String uuidV4(byte[] random) {
        byte[] bytes = random.clone();
        bytes[6] = (byte) (bytes[6] & 0x0f | 0x40);
        bytes[8] = (byte) (bytes[8] & 0x3f | 0x80);
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
