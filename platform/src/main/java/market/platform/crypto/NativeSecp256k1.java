package market.platform.crypto;

import java.util.Arrays;

/**
 * {@link Secp256k1Engine} on libsecp256k1 (bitcoin-core's C library) through ACINQ's JNI binding,
 * {@code secp256k1-kmp-jni-jvm}, which bundles it for Linux x86-64 and arm64 and extracts it to
 * {@code fr.acinq.secp256k1.tmpdir} (default {@code java.io.tmpdir}) on first use. Its signing
 * nonce is RFC 6979 with HMAC-SHA256 and its signatures are low-s, as
 * {@link BouncyCastleSecp256k1}'s. libsecp256k1's own {@code ecdh} hashes the shared point, so the
 * shared x coordinate is taken from a point multiplication ({@code pubKeyTweakMul}) instead.
 */
public final class NativeSecp256k1 implements Secp256k1Engine {

    private final fr.acinq.secp256k1.Secp256k1 library;

    private NativeSecp256k1(fr.acinq.secp256k1.Secp256k1 library) {
        this.library = library;
    }

    /**
     * Loads the native library; throws (an {@link Error} or a {@link RuntimeException}) when it
     * cannot, for example on an operating system it does not bundle or a temporary directory that
     * cannot be written.
     */
    public static NativeSecp256k1 load() {
        NativeSecp256k1 engine = new NativeSecp256k1(fr.acinq.secp256k1.Secp256k1.get());
        // get() answers even when the library failed to load; the first call is what fails
        byte[] one = new byte[32];
        one[31] = 1;
        if (!Arrays.equals(engine.publicKey(one), Secp256k1.publicKeyOfOne())) {
            throw new IllegalStateException("libsecp256k1 does not give the generator as the key of 1");
        }
        return engine;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public byte[] publicKey(byte[] privateKey) {
        return raw64(library.pubkeyCreate(privateKey));
    }

    @Override
    public byte[] sign(byte[] hash, byte[] privateKey) {
        return library.sign(hash, privateKey);
    }

    @Override
    public byte[] recover(byte[] hash, byte[] signature, int recId) {
        try {
            return raw64(library.ecdsaRecover(signature, hash, recId));
        } catch (RuntimeException e) {
            // libsecp256k1 answers "no key" (an r or s out of range, no point for this id) by throwing
            return null;
        }
    }

    @Override
    public byte[] sharedX(byte[] publicKey, byte[] privateKey) {
        return Arrays.copyOfRange(library.pubKeyTweakMul(Secp256k1.uncompressed(publicKey), privateKey), 1, 33);
    }

    private static byte[] raw64(byte[] uncompressed65) {
        return Arrays.copyOfRange(uncompressed65, 1, 65);
    }
}
