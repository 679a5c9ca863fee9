package market.platform.crypto;

/**
 * EIP-191 version 0x45 ("personal_sign"): the signed hash is
 * {@code keccak256("\x19Ethereum Signed Message:\n" + len(message) + message)}, so any Ethereum
 * wallet can produce the signatures this platform checks.
 */
public final class PersonalSign {

    private PersonalSign() {}

    public static byte[] hash(byte[] message) {
        byte[] prefix = Hashes.utf8("\u0019Ethereum Signed Message:\n" + message.length);
        return Hashes.keccak256(prefix, message);
    }

    public static String recoverAddress(byte[] message, Secp256k1.Signature signature) {
        return Secp256k1.recoverAddress(hash(message), signature);
    }
}
