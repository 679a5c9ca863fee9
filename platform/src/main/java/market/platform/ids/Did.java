package market.platform.ids;

/**
 * An account as DataShare names it: its address, or the DID {@code did:ethr:<address>} of that
 * address (the contract's {@code provider} is a DID, and so are the consumers of its orders).
 */
public final class Did {

    public static final String PREFIX = "did:ethr:";

    private Did() {}

    public static String of(String address) {
        return PREFIX + address;
    }

    /** {@code value} without its {@code did:ethr:} prefix, if it has one. */
    public static String strip(String value) {
        return value != null && value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
    }
}
