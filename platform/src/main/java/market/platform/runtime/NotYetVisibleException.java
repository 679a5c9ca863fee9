package market.platform.runtime;

/**
 * Thrown by a command translator when reference data the command needs is not visible yet, for
 * example a view that is still catching up after a restart. The processor aborts the batch and
 * handles it again shortly, instead of refusing a command that will succeed once the view
 * has caught up.
 */
public final class NotYetVisibleException extends RuntimeException {

    public NotYetVisibleException(String message) {
        super(message);
    }
}
