package market.platform.testing;

import java.time.Duration;
import market.platform.config.ServiceRuntime;

/** Waits, in tests, until a service has replayed its events: what its readiness probe reports. */
public final class Readiness {

    private Readiness() {}

    public static void await(ServiceRuntime runtime) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isCaughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not catch up within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
