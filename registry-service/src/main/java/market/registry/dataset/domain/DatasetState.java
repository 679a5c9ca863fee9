package market.registry.dataset.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetEvent.KeysReleased;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * A dataset as its events made it: absent, or its registration with the current status, the
 * stored fragments once completed, whether its storage fee is being charged, why the
 * registration failed if it did, when it was completed and removed, the keys released to
 * buyers, by deal_id, the cluster keeper-service placed each fragment on, and the CID of each
 * fragment that enough keepers hold (by fragment_no), and, for a DataShare product, its
 * description, when it was published and when closed. The releases are a persistent
 * (structurally shared) map: one more release makes a new version in O(log n) and copies none of
 * the earlier ones, however many buyers the dataset has.
 */
public record DatasetState(DataRegistrationStarted registration, DatasetStatus status,
        List<FragmentStorage> stored, Instant completedAt, Instant removedAt, boolean feePending,
        String failureReason, PMap<Long, KeysReleased> releases, Map<Long, Long> clusters,
        Map<Long, String> storedCids, DataShareListing dataShare) {

    /**
     * A DataShare product's description, publication and closing ({@code closedAt} null while
     * open); for a plainData publish, its staged fragments and whether they were declared to
     * keeper-service.
     */
    public record DataShareListing(DataShareProduct product, Instant publishedAt, Instant closedAt,
            StagedStorage staged, boolean stagedDeclared) {

        public DataShareListing(DataShareProduct product, Instant publishedAt, Instant closedAt) {
            this(product, publishedAt, closedAt, null, false);
        }

        DataShareListing closed(Instant at) {
            return new DataShareListing(product, publishedAt, at, staged, stagedDeclared);
        }
    }

    /** The staged fragments of a plainData publish, or null. */
    public StagedStorage staged() {
        return dataShare == null ? null : dataShare.staged();
    }

    public static final DatasetState NONE =
            new DatasetState(null, null, List.of(), null, null, false, null, HashTreePMap.empty(), Map.of(),
                    Map.of(), null);

    public DatasetState {
        stored = List.copyOf(stored);
        clusters = Map.copyOf(clusters);
        storedCids = Map.copyOf(storedCids);
    }

    public boolean exists() {
        return registration != null;
    }

    DatasetState with(DatasetStatus newStatus, boolean newFeePending, String reason) {
        return new DatasetState(registration, newStatus, stored, completedAt, removedAt, newFeePending, reason,
                releases, clusters, storedCids, dataShare);
    }

    public boolean isDataShare() {
        return dataShare != null;
    }

    DatasetState withDataShare(DataShareListing listing) {
        return new DatasetState(registration, status, stored, completedAt, removedAt, feePending, failureReason,
                releases, clusters, storedCids, listing);
    }
}
