package market.registry.datashare;

import market.platform.web.Params;

/**
 * A provider as DataShare names it: its address, or the DID {@code did:ethr:<address>} of that
 * address (the contract's {@code provider} is a DID). Both read to the lower-case address.
 */
public final class ProviderDid {

    public static final String PREFIX = "did:ethr:";

    private ProviderDid() {}

    public static String of(String address) {
        return PREFIX + address;
    }

    /** The address a {@code did:ethr:} DID or an address names; a 400 naming {@code field} otherwise. */
    public static String address(String field, String value) {
        String text = value != null && value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
        return Params.address(field, text);
    }
}
