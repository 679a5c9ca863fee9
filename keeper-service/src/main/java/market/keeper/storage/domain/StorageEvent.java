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

    record FragmentsDeclared(long dataId, String provider, List<Declaration> fragments, String uploader, Instant at)
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

    /** The data is on sale: audited storage days {@code startDay} to {@code endDay - 1} earn {@code dayFee} a replica. */
    record StorageTermStarted(long dataId, long period, long dayFee, long startDay, long endDay, Instant at)
            implements StorageEvent {}

    /** A keeper's replica of a fragment can earn, up to {@code rewardTotal}. */
    record RewardOpened(long rewardId, long dataId, long fragmentNo, long clusterId, String idfsAccount,
            long rewardTotal, Instant at) implements StorageEvent {}

    /** The replica's audit passed on storage day {@code day} of the term: {@code earnedDays} days are earned. */
    record RewardEarned(long rewardId, long dataId, long fragmentNo, String idfsAccount, long day, long earnedDays,
            Instant at) implements StorageEvent {}

    /** A claim was accepted: {@code quantity} is owed to the keeper, reserved from the items' rewards. */
    record RewardClaimed(long claimId, long dataId, String idfsAccount, long storagePeriod, long quantity,
            List<ClaimItem> items, Instant at) implements StorageEvent {
        public RewardClaimed {
            items = List.copyOf(items);
        }
    }

    /** What one claim takes from one reward. */
    record ClaimItem(long rewardId, long fragmentNo, long quantity) {}

    record ClaimPaid(long claimId, long dataId, String idfsAccount, long quantity, Instant at) implements StorageEvent {}

    /** Settlement refused the claim; its quantity is claimable again. */
    record ClaimRejected(long claimId, long dataId, String idfsAccount, long quantity, String reason, Instant at)
            implements StorageEvent {}

    /** The term ran out on storage day {@code day}: the data is no longer stored. */
    record StorageEnded(long dataId, long day, Instant at) implements StorageEvent {}
}
