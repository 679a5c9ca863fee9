package market.platform.web;

import market.platform.domain.Rejection;

/** An error answer: HTTP status, stable error code and message. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public ApiException(int status, String errorCode, String errorMsg) {
        super(errorMsg, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public static ApiException badRequest(String errorCode, String errorMsg) {
        return new ApiException(400, errorCode, errorMsg);
    }

    public static ApiException unauthorized(String errorCode, String errorMsg) {
        return new ApiException(401, errorCode, errorMsg);
    }

    public static ApiException notFound(String errorCode, String errorMsg) {
        return new ApiException(404, errorCode, errorMsg);
    }

    /** The answer for a decider's rejection. */
    public static ApiException of(Rejection rejection) {
        return new ApiException(statusOf(rejection.kind()), rejection.errorCode(), rejection.errorMsg());
    }

    public static int statusOf(Rejection.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public ErrorBody body() {
        return new ErrorBody(errorCode, getMessage());
    }
}
