package market.keeper.directory.view;

import java.util.List;
import java.util.Optional;
import market.keeper.KeeperAggregates;
import market.keeper.directory.domain.DirectoryState;
import market.platform.config.ServiceRuntime;
import org.springframework.stereotype.Component;

/** Reads clusters, keepers and placements from keeper-service's projection of {@code keeper.events}. */
@Component
public class DirectoryQueries {

    private final ServiceRuntime runtime;

    public DirectoryQueries(ServiceRuntime runtime) {
        this.runtime = runtime;
    }

    private DirectoryState directory() {
        return (DirectoryState) runtime.projection().states()
                .state(KeeperAggregates.DIRECTORY_TYPE, KeeperAggregates.DIRECTORY);
    }

    /** Every cluster, lowest id first. */
    public List<ClusterView> clusters() {
        DirectoryState directory = directory();
        return directory.clusters().values().stream().map(c -> ClusterView.of(c, directory.keepers())).toList();
    }

    public Optional<ClusterView> cluster(long clusterId) {
        DirectoryState directory = directory();
        return Optional.ofNullable(directory.clusters().get(clusterId)).map(c -> ClusterView.of(c, directory.keepers()));
    }

    public Optional<KeeperView> keeper(String account) {
        return Optional.ofNullable(directory().keepers().get(account)).map(KeeperView::of);
    }

    /** The fragments of a dataset that holds room now. */
    public Optional<PlacementView> placements(long dataId) {
        return Optional.ofNullable(directory().placements().get(dataId)).map(p -> PlacementView.of(dataId, p));
    }
}
