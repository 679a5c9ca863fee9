package market.node.replication;

import java.io.IOException;
import java.time.Duration;
import market.node.keeper.KeeperClient;
import market.node.store.BlockStore;
import market.node.store.FragmentIndex;
import market.platform.content.Cid;
import market.platform.content.DagWalker;
import market.platform.content.GatewayClient;
import market.platform.runtime.PeriodicTask;
import market.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
public final class Replicator extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(Replicator.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private final KeeperClient keeper;
    private final BlockStore store;
    private final FragmentIndex index;
    private final GatewayClient gateway = new GatewayClient(FETCH_TIMEOUT);

    public Replicator(KeeperClient keeper, BlockStore store, FragmentIndex index, Duration interval) {
        super("replicator", interval);
        this.keeper = keeper;
        this.store = store;
        this.index = index;
    }

    /** One round: every assignment fetched (or its receipt sent again) once. */
    @Override
    protected void runOnce() {
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
            try {
                gateway.walk(GatewayClient.nodeUrl(holder.path("ipaddr").asString(), holder.path("port").asInt()), cid,
                        store::put);
                return true;
            } catch (IOException e) {
                log.warn("fetching {} from {} failed: {}", cid, holder.path("idfs_account").asString(), e.getMessage());
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
}
