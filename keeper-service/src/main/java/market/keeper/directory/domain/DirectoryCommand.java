package market.keeper.directory.domain;

import java.time.Instant;
import java.util.List;

/**
 * Commands on the directory of clusters and keepers, one aggregate so that the rules that span
 * clusters (a key hash used once, one keeper per account, at most five keepers a cluster, the
 * choice of a cluster with room) are checked in one place. {@code AddCluster} and {@code AddKeeper}
 * come from signed requests; {@code PlaceFragments} and {@code ReleasePlacement} are saga steps
 * that keeper-service's reactions issue for registry events.
 */
public sealed interface DirectoryCommand {

    /** addcluster(idfs_account, cluster_key_hash), with the id derived from the signed request. */
    record AddCluster(String idfsAccount, long clusterId, String clusterKeyHash, Instant at)
            implements DirectoryCommand {}

    /** addidfs(idfs_account, capacity, cluster_id, idfs_public_key, ipaddr, port); cluster 0 picks one. */
    record AddKeeper(String idfsAccount, long capacity, long clusterId, String idfsPublicKey, String ipaddr,
            int port, Instant at) implements DirectoryCommand {}

    /** A registration started: reserve room for each fragment on its cluster (0: any), all or none. */
    record PlaceFragments(long dataId, String provider, List<FragmentToPlace> fragments, Instant at)
            implements DirectoryCommand {
        public PlaceFragments {
            fragments = List.copyOf(fragments);
        }
    }

    /** A fragment of a registration: its number, its size and the cluster the provider asked for. */
    record FragmentToPlace(long fragmentNo, long size, long idfsClusterId) {}

    /** The dataset's storage is over: give its room back. */
    record ReleasePlacement(long dataId, String reason, Instant at) implements DirectoryCommand {}
}
