package market.cli;

/**
 * A failure the user can act on: a service's error answer, an unreachable service, a missing
 * wallet or local file. {@link Market} prints its message as {@code error: <message>} on stderr
 * and exits with 1; nothing else is shown, so the message must stand on its own.
 */
class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
