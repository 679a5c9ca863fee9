package market.registry.dataset.web;

import market.platform.web.ApiException;

/** Parses path and query parameters, answering 400 with the parameter's name when they are wrong. */
final class Params {

    private Params() {}

    static long parse(String dataId) {
        try {
            long id = Long.parseLong(dataId);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("REQUEST.INVALID_PARAMETER", "data_id must be a positive integer");
    }

    static int boundedInt(String name, String value, int min, int max) {
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
