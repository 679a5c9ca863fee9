package market.keeper.directory.domain;

import java.time.Instant;
import java.util.List;

/** Events of the directory of clusters and keepers, all under the directory's one key. */
public sealed interface DirectoryEvent {

    record ClusterAdded(long clusterId, String idfsAccount, String clusterKeyHash, Instant at)
            implements DirectoryEvent {}

    record KeeperAdded(String idfsAccount, long clusterId, long capacity, String idfsPublicKey, String ipaddr,
            int port, Instant since) implements DirectoryEvent {}

    /** Room is reserved for every fragment of {@code dataId}, each on the cluster named. */
    record FragmentsPlaced(long dataId, String provider, List<Placement> placements, Instant at)
            implements DirectoryEvent {
        public FragmentsPlaced {
            placements = List.copyOf(placements);
        }
    }

    /** One fragment's place: its cluster and the bytes reserved there. */
    record Placement(long fragmentNo, long size, long clusterId) {}

    /** Nothing was reserved for {@code dataId}: the registration fails with {@code reason}. */
    record PlacementRejected(long dataId, String provider, String reason, Instant at) implements DirectoryEvent {}

    /** The room reserved for {@code dataId} is free again. */
    record PlacementReleased(long dataId, String reason, Instant at) implements DirectoryEvent {}
}
