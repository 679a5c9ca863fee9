package market.keeper.storage.domain;

import java.time.Instant;
import java.util.List;

/**
 * Commands on a dataset's storage record, keyed by {@code data_id}: opened when its fragments are
 * placed, its term started when it goes on sale, and closed when their room is released (saga
 * steps of keeper-service's reactions); the provider declares each fragment's CID before
 * uploading it (signed); each keeper node reports the replicas it holds (signed receipts);
 * audits and the end of the term come from keeper-service's schedulers; keepers claim their
 * rewards (signed) and settlement's answer settles each claim.
 */
public sealed interface StorageCommand {

    long dataId();

    record OpenStorage(long dataId, String provider, List<FragmentSlot> fragments, Instant at)
            implements StorageCommand {
        public OpenStorage {
            fragments = List.copyOf(fragments);
        }
    }

    /** A placed fragment: its number, plain size and cluster. */
    record FragmentSlot(long fragmentNo, long size, long clusterId) {}

    record CloseStorage(long dataId, String reason, Instant at) implements StorageCommand {}

    /**
     * The provider's declaration of each fragment's CID and encrypted size; {@code uploader}, when
     * not null, may upload them besides the provider (the registry, for a plainData publish).
     */
    record DeclareFragments(String provider, long dataId, List<Declaration> fragments, String uploader, Instant at)
            implements StorageCommand {
        public DeclareFragments {
            fragments = List.copyOf(fragments);
        }
    }

    /** What the provider will upload for one fragment: its CID and encrypted size. */
    record Declaration(long fragmentNo, String cid, long sizeEncrypted) {}

    /**
     * A receipt: {@code idfsAccount} holds {@code cid}. {@code keeperCluster} is the keeper's
     * cluster as the directory knows it, or -1 when the account is no keeper.
     */
    record RecordReplica(String idfsAccount, long keeperCluster, long dataId, long fragmentNo, String cid,
            Instant at) implements StorageCommand {}

    /** The outcome of one audit of {@code idfsAccount}'s replica, for storage day {@code day}, after retries. */
    record RecordAudit(long dataId, long fragmentNo, String idfsAccount, long day, boolean passed, long rangeFrom,
            long rangeTo, long chunk, String reason, Instant at) implements StorageCommand {}

    /**
     * The data went on sale: keepers earn {@code dayFee} per fragment for each audited storage day
     * from {@code startDay} for {@code period} days.
     */
    record StartStorageTerm(long dataId, long period, long dayFee, long startDay, Instant at)
            implements StorageCommand {}

    /** claimkreward: {@code idfsAccount} claims what its audited days earned, counting at most {@code storagePeriod} days. */
    record ClaimReward(String idfsAccount, long dataId, long claimId, long storagePeriod, Instant at)
            implements StorageCommand {}

    /** Settlement paid the claim, or refused it for {@code reason}. */
    record SettleClaim(long dataId, long claimId, boolean paid, String reason, Instant at) implements StorageCommand {}

    /** Storage day {@code day} has begun: a term that ended before it is over. */
    record EndStorage(long dataId, long day, Instant at) implements StorageCommand {}
}
