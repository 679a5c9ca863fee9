package market.platform.web;

/** Parses path and query parameters, answering 400 with the parameter's name when they are wrong. */
public final class Params {

    private Params() {}

    public static long positiveLong(String name, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", name + " must be a positive integer");
    }

    /** An account address (0x and 40 hex digits) in its canonical lower-case form. */
    public static String address(String name, String value) {
        if (!market.platform.crypto.Addresses.isAddress(value)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", name + " must be 0x and 40 hex digits");
        }
        return market.platform.crypto.Addresses.normalize(value);
    }

    /** An account named by its address or its {@code did:ethr:} DID, as the lower-case address. */
    public static String account(String name, String value) {
        return address(name, market.platform.ids.Did.strip(value));
    }

    public static int boundedInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", name + " must be an integer from " + min + " to " + max);
    }
}
