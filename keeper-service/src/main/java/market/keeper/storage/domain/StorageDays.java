package market.keeper.storage.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * keeper-service's calendar: storage day n is the n-th whole {@code dayLength} since the epoch.
 * Audits, earned days and the end of a term are counted in these days; the schedulers read the
 * clock and pass the day in as a command, so no decider reads a clock.
 */
public record StorageDays(Duration dayLength) {

    public StorageDays {
        if (dayLength.toMillis() < 1) {
            throw new IllegalArgumentException("market.keeper.day-length must be at least 1 ms");
        }
    }

    public long day(Instant at) {
        return at.toEpochMilli() / dayLength.toMillis();
    }

    /** The first storage day of a term that starts when the data goes on sale at {@code onSale}: the next whole day. */
    public long termStart(Instant onSale) {
        return day(onSale) + 1;
    }
}
