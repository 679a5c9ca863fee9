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

    /** A replica proved, for storage day {@code day}, that it holds the bytes of the range asked for. */
    record AuditPassed(long dataId, long fragmentNo, String idfsAccount, long day, long rangeFrom, long rangeTo,
            long chunk, Instant at) implements StorageEvent {}

    /** A replica did not prove the range for storage day {@code day}, after retries; {@code reason} says why. */
    record AuditFailed(long dataId, long fragmentNo, String idfsAccount, long day, long rangeFrom, long rangeTo,
            long chunk, String reason, Instant at) implements StorageEvent {}

    /** A replica failed its audits on {@code failedDays} days in a row: it no longer counts. */
    record ReplicaFaulty(long dataId, long fragmentNo, String idfsAccount, int failedDays, int replicasLeft,
            Instant at) implements StorageEvent {}

    /** The fragment has the replicas it needs; emitted once, with the receipt that completed them. */
    record FragmentStored(long dataId, long fragmentNo, String cid, int replicas, Instant at) implements StorageEvent {}
}
