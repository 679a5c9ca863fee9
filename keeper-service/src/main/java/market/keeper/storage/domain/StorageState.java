package market.keeper.storage.domain;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dataset's storage record: its data_id and provider, whether it is open, and its fragments by number,
 * each with its cluster, its declared CID and encrypted size (null and 0 until declared), the
 * keepers holding a replica (account to its {@link Replica}), and whether it is stored.
 */
public record StorageState(long dataId, String provider, boolean open, SortedMap<Long, Fragment> fragments) {

    public static final StorageState NONE = new StorageState(0, null, false, new TreeMap<>());

    public StorageState {
        fragments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fragments));
    }

    public boolean exists() {
        return provider != null;
    }

    public boolean declared() {
        return !fragments.isEmpty() && fragments.values().stream().allMatch(f -> f.cid() != null);
    }

    public record Fragment(long fragmentNo, long size, long clusterId, String cid, long sizeEncrypted,
            Map<String, Replica> replicas, boolean stored) {
        public Fragment {
            replicas = Map.copyOf(replicas);
        }
    }

    /**
     * A keeper's replica: when its receipt came, the last storage day it was audited (-1 for
     * none), and the days in a row its audit has failed since it last passed.
     */
    public record Replica(Instant storedAt, long lastAuditDay, int failedDays) {}
}
