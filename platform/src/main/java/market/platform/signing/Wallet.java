package market.platform.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Properties;
import market.platform.crypto.Ecies;
import market.platform.crypto.Hashes;
import market.platform.crypto.PersonalSign;
import market.platform.crypto.Secp256k1;

/**
 * An account's secp256k1 key pair. It creates and loads key files, and signs requests and
 * messages. The private key never leaves this object except into its own key file, and
 * {@link #toString()} shows only the address.
 */
public final class Wallet {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BigInteger privateKey;
    private final byte[] publicKey;
    private final String address;

    private Wallet(BigInteger privateKey) {
        if (!Secp256k1.isValidPrivateKey(privateKey)) {
            throw new IllegalArgumentException("private key out of range for secp256k1");
        }
        this.privateKey = privateKey;
        this.publicKey = Secp256k1.publicKey(privateKey);
        this.address = Secp256k1.address(publicKey);
    }

    public static Wallet create() {
        return new Wallet(Secp256k1.newPrivateKey());
    }

    public static Wallet fromPrivateKey(String hex) {
        byte[] bytes = Hashes.fromHex(hex.trim());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a private key is 32 bytes");
        }
        return new Wallet(new BigInteger(1, bytes));
    }

    /** Loads a key file written by {@link #save(Path)}. */
    public static Wallet load(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String key = properties.getProperty("private_key");
        if (key == null) {
            throw new IOException(file + " holds no private_key");
        }
        Wallet wallet = fromPrivateKey(key);
        String address = properties.getProperty("address");
        if (address != null && !address.equalsIgnoreCase(wallet.address)) {
            throw new IOException(file + ": address does not match its private key");
        }
        return wallet;
    }

    /** Writes the key file readable by its owner only, in a folder it creates owner-only; refuses to overwrite. */
    public void save(Path file) throws IOException {
        writeNewSecret(file, "# market wallet: keep this file secret\naddress=" + address
                + "\nprivate_key=" + HexFormat.of().formatHex(Secp256k1.fixed32(privateKey)) + "\n");
    }

    /**
     * Writes a new key file (a plain wallet, or a keystore) readable by its owner only, through a
     * temporary file in the same folder, which is created owner-only when missing; never over an
     * existing file ({@link java.nio.file.FileAlreadyExistsException}).
     */
    public static void writeNewSecret(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        Path temp = Files.createTempFile(dir, ".wallet", ".tmp");
        try {
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public String address() {
        return address;
    }

    /** The 32-byte private key, for {@link Keystore} to seal into a key file; the caller wipes it. */
    byte[] privateKeyBytes() {
        return Secp256k1.fixed32(privateKey);
    }

    /** The 64-byte uncompressed public key, without the {@code 04} prefix. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Signs a 32-byte hash as it is, such as an EIP-712 digest ({@code eth_signTypedData_v4}). */
    public Secp256k1.Signature signHash(byte[] hash32) {
        if (hash32.length != 32) {
            throw new IllegalArgumentException("a hash to sign is 32 bytes");
        }
        return Secp256k1.sign(hash32, privateKey);
    }

    /** Opens an {@link Ecies} box sealed to this wallet's public key. */
    public byte[] decrypt(byte[] box, byte[] context) {
        return Ecies.decrypt(privateKey, box, context);
    }

    /** EIP-191 personal_sign of {@code message}. */
    public Secp256k1.Signature signPersonal(byte[] message) {
        return Secp256k1.sign(PersonalSign.hash(message), privateKey);
    }

    /** Signs an HTTP request at the clock's current time with a fresh random nonce. */
    public RequestSignature.SignedHeaders signRequest(String method, String pathWithQuery, byte[] body, Clock clock) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        return signRequest(method, pathWithQuery, body, clock.instant().getEpochSecond(),
                HexFormat.of().formatHex(nonceBytes));
    }

    public RequestSignature.SignedHeaders signRequest(String method, String pathWithQuery, byte[] body,
            long timestamp, String nonce) {
        byte[] digest = RequestSignature.digest(method, pathWithQuery, body, timestamp, nonce);
        return new RequestSignature.SignedHeaders(address, timestamp, nonce, signPersonal(digest).toHex());
    }

    /** Signs a request whose body is known by its SHA-256 only, such as a fragment streamed from a file. */
    public RequestSignature.SignedHeaders signHashedRequest(String method, String pathWithQuery, String bodySha256Hex,
            Clock clock) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        long timestamp = clock.instant().getEpochSecond();
        String nonce = HexFormat.of().formatHex(nonceBytes);
        byte[] digest = RequestSignature.digestOfHashedBody(method, pathWithQuery, bodySha256Hex, timestamp, nonce);
        return new RequestSignature.SignedHeaders(address, timestamp, nonce, signPersonal(digest).toHex());
    }

    @Override
    public String toString() {
        return "Wallet[" + address + "]";
    }
}
