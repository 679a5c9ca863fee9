package market.explorer.web;

import java.time.Duration;
import market.explorer.Explorer;
import market.explorer.feed.FeedItem;
import market.platform.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The explorer's read-only API for its page: the overview of datasets, orders, deals, clusters,
 * keepers and the ledger, and the live feed of events as server-sent events.
 */
@RestController
@RequestMapping("/api")
class ExplorerController {

    private static final int MOST = 500;
    private static final int HEARTBEAT_SECONDS = 15;

    private final Explorer explorer;

    ExplorerController(Explorer explorer) {
        this.explorer = explorer;
    }

    @GetMapping("/overview")
    Explorer.Overview overview(@RequestParam(name = "limit", required = false) String limit) {
        return explorer.overview(limit == null ? 50 : limit(limit));
    }

    /**
     * The latest events, then each new one. A comment opens the stream at once, even with no
     * event to send yet, and another every {@value #HEARTBEAT_SECONDS} s keeps an idle connection open.
     */
    @GetMapping(path = "/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<FeedItem>> feed() {
        Flux<ServerSentEvent<FeedItem>> events = explorer.feed().follow()
                .map(item -> ServerSentEvent.builder(item).id(Long.toString(item.seq())).event("market-event").build());
        Flux<ServerSentEvent<FeedItem>> heartbeats = Flux.interval(Duration.ofSeconds(HEARTBEAT_SECONDS))
                .map(beat -> ServerSentEvent.<FeedItem>builder().comment("heartbeat").build());
        return Flux.merge(events, heartbeats).startWith(ServerSentEvent.<FeedItem>builder().comment("market events").build());
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MOST) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("EXPLORER.BAD_LIMIT", "limit must be a whole number from 1 to " + MOST);
    }
}
