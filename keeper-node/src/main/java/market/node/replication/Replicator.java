package market.node.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import market.node.keeper.KeeperClient;
import market.node.store.BlockStore;
import market.node.store.FragmentIndex;
import market.platform.content.Car;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Keeps this node's share of its cluster: every sync interval it asks keeper-service which
 * declared fragments of its cluster it does not hold yet, fetches each from a keeper that holds
 * it (the trustless gateway's CAR, depth first), checks every block against the CID that links to
 * it as it arrives, stores the verified blocks, records the fragment and sends its signed
 * receipt; a holder that fails or serves a bad block is skipped for the next one. A fragment it
 * already holds whole only needs the receipt sent again; one whose blocks went missing or bad is
 * fetched again.
 */
public final class Replicator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Replicator.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private final KeeperClient keeper;
    private final BlockStore store;
    private final FragmentIndex index;
    private final Duration interval;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService scheduler;

    public Replicator(KeeperClient keeper, BlockStore store, FragmentIndex index, Duration interval) {
        this.keeper = keeper;
        this.store = store;
        this.index = index;
        this.interval = interval;
    }

    /** One round: every assignment fetched (or its receipt sent again) once. */
    public void syncOnce() {
        JsonNode assignments;
        try {
            if (keeper.cluster() < 0) {
                return;
            }
            assignments = keeper.assignments();
        } catch (ApiException e) {
            log.debug("no assignments this round: {}", e.getMessage());
            return;
        }
        if (assignments == null) {
            return;
        }
        for (JsonNode assignment : assignments.path("items")) {
            long dataId = assignment.path("data_id").asLong();
            long fragmentNo = assignment.path("fragment_no").asLong();
            Cid cid = Cid.parse(assignment.path("cid").asString());
            try {
                // a fragment held once but lost or damaged since (as an audit finds) is fetched again
                boolean whole = index.held(dataId, fragmentNo).isPresent() && complete(cid);
                if (!whole && !fetch(cid, assignment.path("holders"))) {
                    continue;
                }
                index.record(dataId, fragmentNo, cid.toString());
                keeper.receipt(dataId, fragmentNo, cid.toString());
                log.info("holds data {} fragment {} ({}); receipt sent", dataId, fragmentNo, cid);
            } catch (IOException | ApiException e) {
                log.warn("data {} fragment {}: {}", dataId, fragmentNo, e.getMessage());
            }
        }
    }

    /** Fetches and stores the DAG under {@code cid} from the first holder that serves it whole and valid. */
    private boolean fetch(Cid cid, JsonNode holders) {
        for (JsonNode holder : holders) {
            String url = "http://" + host(holder.path("ipaddr").asString()) + ":" + holder.path("port").asInt()
                    + "/ipfs/" + cid + "?format=car&dups=y";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(FETCH_TIMEOUT)
                    .header("Accept", "application/vnd.ipld.car").GET().build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        log.warn("{} answered {} for {}", holder.path("idfs_account").asString(),
                                response.statusCode(), cid);
                        continue;
                    }
                    Car.Reader car = new Car.Reader(body);
                    new DagWalker(car.inWalkOrder()).walk(cid, store::put);
                    return true;
                }
            } catch (IOException e) {
                log.warn("fetching {} from {} failed: {}", cid, holder.path("idfs_account").asString(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Whether every block of the DAG under {@code cid} is in the store and matches its CID. */
    private boolean complete(Cid cid) {
        try {
            new DagWalker(store).walk(cid, (block, bytes) -> {});
            return true;
        } catch (IOException e) {
            log.warn("the local copy of {} is not whole: {}", cid, e.getMessage());
            return false;
        }
    }

    private static String host(String ipaddr) {
        return ipaddr.contains(":") ? "[" + ipaddr + "]" : ipaddr;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "replicator");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                syncOnce();
            } catch (RuntimeException e) {
                log.error("replication round failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
