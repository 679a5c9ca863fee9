package market.platform.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work a service or node does on its own every interval, such as a keeper node fetching its
 * cluster's fragments or keeper-service auditing replicas: one daemon thread of its own, a round
 * that fails is logged and the next one runs, and it stops with the application context.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    protected PeriodicTask(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One round of the work. */
    protected abstract void runOnce();

    /**
     * True once {@link #stop} has begun: a round still running should end without acting on
     * what the stop cut short (an interrupted request is not the other side's failure).
     */
    protected boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    @Override
    public void start() {
        stopping = false;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("{} round failed", name, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
