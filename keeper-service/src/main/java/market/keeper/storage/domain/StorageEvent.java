package market.keeper.storage.domain;

import java.time.Instant;
import java.util.List;
import market.keeper.storage.domain.StorageCommand.Declaration;
import market.keeper.storage.domain.StorageCommand.FragmentSlot;

/** Events of a dataset's storage record, keyed by {@code data_id}. */
public sealed interface StorageEvent {

    record StorageOpened(long dataId, String provider, List<FragmentSlot> fragments, Instant at)
            implements StorageEvent {
        public StorageOpened {
            fragments = List.copyOf(fragments);
        }
    }

    record StorageClosed(long dataId, String reason, Instant at) implements StorageEvent {}

    record FragmentsDeclared(long dataId, String provider, List<Declaration> fragments, Instant at)
            implements StorageEvent {
        public FragmentsDeclared {
            fragments = List.copyOf(fragments);
        }
    }

    record ReplicaStored(long dataId, long fragmentNo, String cid, String idfsAccount, long clusterId, Instant at)
            implements StorageEvent {}

    /** The fragment has the replicas it needs; emitted once, with the receipt that completed them. */
    record FragmentStored(long dataId, long fragmentNo, String cid, int replicas, Instant at) implements StorageEvent {}
}
