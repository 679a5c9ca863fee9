package market.node.replication;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import market.node.keeper.KeeperClient;
import market.node.store.BlockStore;
import market.node.store.FragmentIndex;
import market.platform.content.Cid;
import market.platform.content.DagPb;
import market.platform.runtime.PeriodicTask;
import market.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Drops what the cluster no longer stores: every interval it asks keeper-service what its
 * cluster stores now, and a fragment it holds that the answer no longer lists (its data was
 * removed, its registration failed, or its storage ended) is dropped once every answer for a
 * whole {@code grace} period has left it out: its index entry first, so it is no longer held,
 * then the blocks of its DAG that no fragment still held links to. A failed answer says
 * nothing (keeper-service answers the list only once it has replayed its events, and only for a
 * keeper it knows), a fragment listed again is kept, and a restart starts the grace period again.
 * A fragment being fetched or uploaded while another is dropped is recorded only once whole, so
 * a block both share can still go in that moment; fragments are ciphertext under keys of their
 * own, so two of them share a block only when they are the same bytes.
 */
public final class Pruner extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(Pruner.class);

    private final KeeperClient keeper;
    private final BlockStore store;
    private final FragmentIndex index;
    private final Clock clock;
    private final Duration grace;
    /** When each held fragment ("data_id-fragment_no") was first left out of an answer. */
    private final Map<String, Instant> unlisted = new ConcurrentHashMap<>();

    public Pruner(KeeperClient keeper, BlockStore store, FragmentIndex index, Clock clock, Duration interval,
            Duration grace) {
        super("pruner", interval);
        this.keeper = keeper;
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    protected void runOnce() {
        JsonNode kept;
        try {
            if (keeper.cluster() < 0) {
                return;
            }
            kept = keeper.kept();
        } catch (ApiException e) {
            log.debug("no list of kept fragments this round: {}", e.getMessage());
            return;
        }
        if (kept == null) {
            return;
        }
        Set<String> listed = new HashSet<>();
        for (JsonNode fragment : kept.path("items")) {
            listed.add(name(fragment.path("data_id").asLong(), fragment.path("fragment_no").asLong()));
        }
        try {
            List<FragmentIndex.Entry> held = index.all();
            Instant now = clock.instant();
            for (FragmentIndex.Entry entry : held) {
                String name = name(entry.dataId(), entry.fragmentNo());
                if (listed.contains(name)) {
                    unlisted.remove(name);
                    continue;
                }
                Instant since = unlisted.computeIfAbsent(name, n -> now);
                if (!now.isBefore(since.plus(grace)) && !stopping()) {
                    drop(entry);
                    unlisted.remove(name);
                }
            }
        } catch (IOException e) {
            log.warn("could not prune: {}", e.getMessage());
        }
    }

    private void drop(FragmentIndex.Entry dropped) throws IOException {
        index.remove(dropped.dataId(), dropped.fragmentNo());
        // what is held now, read again: a fragment recorded since the round began keeps its blocks
        Set<Cid> stillLinked = new HashSet<>();
        for (FragmentIndex.Entry entry : index.all()) {
            collect(Cid.parse(entry.cid()), stillLinked);
        }
        Set<Cid> blocks = new HashSet<>();
        collect(Cid.parse(dropped.cid()), blocks);
        blocks.removeAll(stillLinked);
        int deleted = 0;
        for (Cid block : blocks) {
            if (store.delete(block)) {
                deleted++;
            }
        }
        log.info("dropped data {} fragment {} ({}): {} blocks deleted, no longer stored by the cluster for {}",
                dropped.dataId(), dropped.fragmentNo(), dropped.cid(), deleted, grace);
    }

    /** The CIDs of the DAG under {@code root} as far as this node has its blocks. */
    private void collect(Cid root, Set<Cid> into) {
        if (!into.add(root) || root.codec() != Cid.DAG_PB || !store.has(root)) {
            return;
        }
        try {
            for (DagPb.Link link : DagPb.decode(store.get(root)).links()) {
                collect(link.cid(), into);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.debug("block {} unreadable while pruning: {}", root, e.getMessage());
        }
    }

    private static String name(long dataId, long fragmentNo) {
        return dataId + "-" + fragmentNo;
    }
}
