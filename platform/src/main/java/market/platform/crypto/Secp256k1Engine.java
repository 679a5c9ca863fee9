package market.platform.crypto;

/**
 * The curve operations behind {@link Secp256k1} and {@link Ecies}, on big-endian bytes: public
 * keys are 64 bytes (x, y), private keys, hashes and coordinates 32, signatures 64 (r, s). Two
 * engines do them: {@link NativeSecp256k1}, libsecp256k1 through JNI, and
 * {@link BouncyCastleSecp256k1}, pure Java, which stands in wherever the native library cannot
 * load. They give the same bytes for the same inputs (deterministic RFC 6979 nonces, low s).
 * Callers check ranges and points first; an engine may assume valid keys.
 */
public interface Secp256k1Engine {

    /** A short name for logs and benchmarks: {@code native} or {@code bouncycastle}. */
    String name();

    /** The public key of {@code privateKey}: d·G. */
    byte[] publicKey(byte[] privateKey);

    /** A deterministic ECDSA signature (RFC 6979, HMAC-SHA256) of {@code hash}, s in the low half. */
    byte[] sign(byte[] hash, byte[] privateKey);

    /** SEC 1 v2, section 4.1.6: the public key that made {@code signature} with {@code recId} (0–3), or null. */
    byte[] recover(byte[] hash, byte[] signature, int recId);

    /** The x coordinate of d·P, the ECDH shared secret of {@code privateKey} and {@code publicKey}. */
    byte[] sharedX(byte[] publicKey, byte[] privateKey);
}
