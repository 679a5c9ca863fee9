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
