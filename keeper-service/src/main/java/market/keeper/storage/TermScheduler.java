package market.keeper.storage;

import java.time.Clock;
import java.time.Duration;
import market.keeper.command.EndStorage;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageDays;
import market.keeper.storage.domain.StorageEvent;
import market.keeper.storage.domain.StorageState;
import market.platform.config.ServiceRuntime;
import market.platform.runtime.AggregateType;
import market.platform.runtime.PeriodicTask;
import market.platform.web.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends storage terms: every interval, once keeper-service has caught up, each open dataset whose
 * term ended before today's storage day, {@code grace} ago (the longest an audit of the term's
 * last day can still be under way: an audit interval and every attempt's timeout), is sent an
 * {@code EndStorage} command with today's day, on
 * {@code keeper.commands} keyed by data_id; the decider ends a term once, so a command sent twice
 * (after a restart, or by two rounds) changes nothing.
 */
public final class TermScheduler extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(TermScheduler.class);

    private final ServiceRuntime runtime;
    private final CommandGateway commands;
    private final AggregateType<StorageCommand, StorageEvent, StorageState> storage;
    private final Clock clock;
    private final StorageDays days;
    private final Duration grace;

    public TermScheduler(ServiceRuntime runtime, CommandGateway commands,
            AggregateType<StorageCommand, StorageEvent, StorageState> storage, Clock clock, StorageDays days,
            Duration interval, Duration grace) {
        super("storage-terms", interval);
        this.runtime = runtime;
        this.commands = commands;
        this.storage = storage;
        this.clock = clock;
        this.days = days;
        this.grace = grace;
    }

    @Override
    protected void runOnce() {
        if (!runtime.isCaughtUp()) {
            return;
        }
        long today = days.day(clock.instant());
        long settled = days.day(clock.instant().minus(grace));
        runtime.projection().states().all(storage)
                .filter(s -> s.open() && s.term() != null && settled >= s.term().endDay())
                .forEach(s -> {
                    if (stopping()) {
                        return;
                    }
                    try {
                        commands.sendUnsigned(Long.toString(s.dataId()), new EndStorage(s.dataId(), today, clock.instant()))
                                .block(Duration.ofSeconds(30));
                        log.info("storage of data {} ended on day {} (term {} to {})", s.dataId(), today,
                                s.term().startDay(), s.term().endDay() - 1);
                    } catch (RuntimeException e) {
                        log.warn("could not end the storage of data {}: {}", s.dataId(), e.getMessage());
                    }
                });
    }

    @Override
    public int getPhase() {
        return 1;
    }
}
