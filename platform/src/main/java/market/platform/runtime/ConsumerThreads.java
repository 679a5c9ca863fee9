package market.platform.runtime;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Ends a thread that polls a consumer: wakes the consumer out of {@code poll} and waits for the thread. */
final class ConsumerThreads {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private ConsumerThreads() {}

    /** The caller has already told its loop to stop; {@code consumer} may be null if the loop never started. */
    static void stop(Thread thread, KafkaConsumer<?, ?> consumer) {
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
