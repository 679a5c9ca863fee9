package market.explorer.feed;

import java.util.ArrayDeque;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The live feed of events: the latest {@value #KEPT} for a page that opens, then each new one as
 * it is read. Events are published one at a time (the {@link market.explorer.Explorer} holds its
 * lock), and a page that reads too slowly misses events rather than holding the others up.
 */
public final class LiveFeed {

    static final int KEPT = 100;

    private final ArrayDeque<FeedItem> recent = new ArrayDeque<>();
    private final Sinks.Many<FeedItem> live = Sinks.many().multicast().directBestEffort();

    public synchronized void publish(FeedItem item) {
        recent.addLast(item);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
        live.tryEmitNext(item);
    }

    /** The latest events, oldest first, then every new one. */
    public Flux<FeedItem> follow() {
        return Flux.defer(() -> {
            List<FeedItem> snapshot;
            long last;
            synchronized (this) {
                snapshot = List.copyOf(recent);
                last = snapshot.isEmpty() ? -1 : snapshot.get(snapshot.size() - 1).seq();
            }
            // an event published between the copy and the subscription comes in both: skip it once
            return Flux.concat(Flux.fromIterable(snapshot), live.asFlux().filter(item -> item.seq() > last));
        });
    }

    public void close() {
        live.tryEmitComplete();
    }
}
