package market.cli;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Waiting for a step the platform takes asynchronously (the order service seeing data on sale,
 * settlement paying a deal or charging a storage fee, the registry releasing keys). A command
 * asks again at a fixed interval until the answer is final or its {@code --wait} passes; a wait
 * of zero asks only once. The only state is the deadline and whether it has waited yet.
 */
final class Polling {

    private final long deadline;
    private final Duration every;
    private final Runnable onFirstWait;
    private boolean waited;

    /** @param onFirstWait runs once, before the first pause, such as to say on stderr what it waits for */
    Polling(Duration wait, Duration every, Runnable onFirstWait) {
        this.deadline = System.nanoTime() + wait.toNanos();
        this.every = every;
        this.onFirstWait = onFirstWait;
    }

    Polling(Duration wait, Duration every) {
        this(wait, every, () -> {});
    }

    /** {@code current}, or the first answer of {@code next} that is {@code done}; the last answer when time is up. */
    <T> T until(T current, Supplier<T> next, Predicate<T> done) {
        T answer = current;
        while (!done.test(answer) && pause()) {
            answer = next.get();
        }
        return answer;
    }

    /** The answer of {@code request}, repeated while the service refuses it with {@code errorCode}. */
    <T> T whileRefused(String errorCode, Supplier<T> request) {
        return whileRefused(java.util.Set.of(errorCode), request);
    }

    /** The answer of {@code request}, repeated while the service refuses it with one of {@code errorCodes}. */
    <T> T whileRefused(java.util.Set<String> errorCodes, Supplier<T> request) {
        while (true) {
            try {
                return request.get();
            } catch (ServiceClient.Refused e) {
                if (!errorCodes.contains(e.errorCode()) || !pause()) {
                    throw e;
                }
            }
        }
    }

    /** Sleeps one interval, or less up to the deadline; false when the deadline has passed. */
    private boolean pause() {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        if (!waited) {
            waited = true;
            onFirstWait.run();
        }
        try {
            Thread.sleep(Math.max(1, Math.min(every.toMillis(), left / 1_000_000)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting");
        }
    }

    /** Reads a {@code --wait} option: whole seconds, 0 or more. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            long seconds;
            try {
                seconds = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("a wait is a whole number of seconds");
            }
            if (seconds < 0 || seconds > 86_400) {
                throw new TypeConversionException("a wait is 0 to 86400 seconds");
            }
            return Duration.ofSeconds(seconds);
        }
    }
}
