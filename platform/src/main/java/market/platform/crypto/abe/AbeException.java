package market.platform.crypto.abe;

/**
 * A policy, attribute set, key or ciphertext that cannot be used, with a message that names the
 * problem (a policy path such as {@code policy.Children[1].value}, or what failed to open). The
 * message never repeats key material; services answer it as a 400.
 */
public final class AbeException extends IllegalArgumentException {

    public AbeException(String message) {
        super(message);
    }
}
