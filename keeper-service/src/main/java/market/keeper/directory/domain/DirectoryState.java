package market.keeper.directory.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import market.keeper.directory.domain.DirectoryEvent.Placement;

/**
 * The directory: clusters by id (in id order, the tie-break of every choice), keepers by account,
 * the key hashes in use, the placements of each dataset that holds room, and the datasets whose
 * placement is settled for good (released, or rejected), so a saga step that arrives again changes
 * nothing.
 */
public record DirectoryState(SortedMap<Long, Cluster> clusters, Map<String, Keeper> keepers, Set<String> keyHashes,
        Map<Long, List<Placement>> placements, Set<Long> settled) {

    public static final DirectoryState EMPTY = new DirectoryState(new TreeMap<>(), Map.of(), Set.of(), Map.of(), Set.of());

    public DirectoryState {
        clusters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(clusters));
        keepers = Map.copyOf(keepers);
        keyHashes = Set.copyOf(keyHashes);
        placements = Map.copyOf(placements);
        settled = Set.copyOf(settled);
    }

    /** A cluster: who added it, its key hash, its keepers in joining order, and its room. */
    public record Cluster(long clusterId, String idfsAccount, String clusterKeyHash, List<String> keepers,
            long capacity, long usage, Instant since) {
        public Cluster {
            keepers = List.copyOf(keepers);
        }

        public long free() {
            return capacity - usage;
        }
    }

    /** A keeper: its account, cluster, capacity, public key, node address and registration time. */
    public record Keeper(String idfsAccount, long clusterId, long capacity, String idfsPublicKey, String ipaddr,
            int port, Instant since) {}
}
