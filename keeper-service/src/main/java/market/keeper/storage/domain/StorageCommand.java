package market.keeper.storage.domain;

import java.time.Instant;
import java.util.List;

/**
 * Commands on a dataset's storage record, keyed by {@code data_id}: opened when its fragments are
 * placed and closed when their room is released (saga steps of keeper-service's reactions); the
 * provider declares each fragment's CID before uploading it (signed); each keeper node reports
 * the replicas it holds (signed receipts).
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

    record DeclareFragments(String provider, long dataId, List<Declaration> fragments, Instant at)
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
}
