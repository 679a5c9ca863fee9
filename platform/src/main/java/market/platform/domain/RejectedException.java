package market.platform.domain;

/** Carries a {@link Rejection} out of code that cannot return one, such as a command translator. */
public final class RejectedException extends RuntimeException {

    private final Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(rejection.errorCode() + ": " + rejection.errorMsg(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
