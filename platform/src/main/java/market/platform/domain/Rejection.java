package market.platform.domain;

/**
 * A refused command: a stable {@code errorCode} such as {@code REGISTRY.DATA_NOT_ON_SALE}, the
 * message shown to the caller, and its kind, which the HTTP layer maps to a 4xx status.
 */
public record Rejection(String errorCode, String errorMsg, Kind kind) {

    public enum Kind { INVALID, UNAUTHORIZED, NOT_FOUND, FORBIDDEN, CONFLICT }

    public static Rejection invalid(String code, String message) {
        return new Rejection(code, message, Kind.INVALID);
    }

    /** A request whose signature no longer counts: replayed, or too old by the time its command is handled. */
    public static Rejection unauthorized(String code, String message) {
        return new Rejection(code, message, Kind.UNAUTHORIZED);
    }

    public static Rejection notFound(String code, String message) {
        return new Rejection(code, message, Kind.NOT_FOUND);
    }

    public static Rejection forbidden(String code, String message) {
        return new Rejection(code, message, Kind.FORBIDDEN);
    }

    public static Rejection conflict(String code, String message) {
        return new Rejection(code, message, Kind.CONFLICT);
    }
}
