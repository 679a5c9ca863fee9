package market.keeper.directory.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import market.keeper.directory.domain.DirectoryState;

/** A cluster as the API shows it: the contract's fields, and its keepers. */
public record ClusterView(
        @JsonProperty("cluster_id") long clusterId,
        @JsonProperty("idfs_account") String idfsAccount,
        @JsonProperty("cluster_key_hash") String clusterKeyHash,
        @JsonProperty("usage") long usage,
        @JsonProperty("capacity") long capacity,
        @JsonProperty("keepers") List<KeeperView> keepers,
        @JsonProperty("timestamp") long timestamp) {

    public static ClusterView of(DirectoryState.Cluster cluster, Map<String, DirectoryState.Keeper> keepers) {
        return new ClusterView(cluster.clusterId(), cluster.idfsAccount(), cluster.clusterKeyHash(), cluster.usage(),
                cluster.capacity(), cluster.keepers().stream().map(keepers::get).map(KeeperView::of).toList(),
                cluster.since().getEpochSecond());
    }
}
