package market.explorer.feed;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The live feed of events: the latest {@value #KEPT} for a page that opens, then each new one as
 * it is read. Events are published one at a time (the {@link market.explorer.Explorer} holds its
 * lock), and each page is written on a thread of its own, so a slow page holds up neither the
 * readers of the topics nor the other pages; a page too slow to keep up misses events.
 */
public final class LiveFeed {

    static final int KEPT = 100;

    private final Sinks.Many<FeedItem> items = Sinks.many().replay().limit(KEPT);

    public void publish(FeedItem item) {
        items.tryEmitNext(item);
    }

    /** The latest events, oldest first, then every new one. */
    public Flux<FeedItem> follow() {
        // a page that falls 256 events behind misses the next ones, rather than making the feed keep them
        return items.asFlux().onBackpressureDrop().publishOn(Schedulers.boundedElastic());
    }

    public void close() {
        items.tryEmitComplete();
    }
}
