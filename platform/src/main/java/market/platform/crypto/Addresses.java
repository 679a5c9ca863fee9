package market.platform.crypto;

import java.util.Locale;

/** Ethereum-style account addresses: {@code 0x} and 40 hex digits, kept in lower case. */
public final class Addresses {

    public static final String ZERO = "0x0000000000000000000000000000000000000000";

    private Addresses() {}

    public static boolean isAddress(String text) {
        return text != null && text.matches("0x[0-9a-fA-F]{40}");
    }

    /** The canonical lower-case form; throws {@link IllegalArgumentException} for anything else. */
    public static String normalize(String text) {
        if (!isAddress(text)) {
            throw new IllegalArgumentException("not an address: expected 0x and 40 hex digits");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
