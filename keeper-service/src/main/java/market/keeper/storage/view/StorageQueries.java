package market.keeper.storage.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import market.keeper.KeeperAggregates;
import market.keeper.directory.domain.DirectoryState;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageEvent;
import market.keeper.storage.domain.StorageState;
import market.platform.config.ServiceRuntime;
import market.platform.runtime.AggregateType;
import org.springframework.stereotype.Component;

/** Reads datasets' storage records, and each keeper's assignments, from keeper-service's projection. */
@Component
public class StorageQueries {

    private final ServiceRuntime runtime;
    private final AggregateType<StorageCommand, StorageEvent, StorageState> storage;

    public StorageQueries(ServiceRuntime runtime, AggregateType<StorageCommand, StorageEvent, StorageState> storage) {
        this.runtime = runtime;
        this.storage = storage;
    }

    private DirectoryState directory() {
        return (DirectoryState) runtime.projection().states()
                .state(KeeperAggregates.DIRECTORY_TYPE, KeeperAggregates.DIRECTORY);
    }

    public Optional<StorageView> find(long dataId) {
        StorageState state = (StorageState) runtime.projection().states().state(storage, Long.toString(dataId));
        return state.exists() ? Optional.of(StorageView.of(dataId, state, directory().keepers())) : Optional.empty();
    }

    /**
     * The fragments placed on {@code account}'s cluster, declared, of open datasets, that the
     * keeper holds no replica of, with the keepers that do; oldest dataset first. Empty for an
     * unknown keeper.
     */
    public List<AssignmentView> assignments(String account) {
        DirectoryState directory = directory();
        DirectoryState.Keeper keeper = directory.keepers().get(account);
        if (keeper == null) {
            return List.of();
        }
        List<AssignmentView> assignments = new ArrayList<>();
        runtime.projection().states().all(storage).filter(StorageState::open).forEach(state -> state.fragments().values()
                .stream()
                .filter(f -> f.clusterId() == keeper.clusterId() && f.cid() != null
                        && !f.replicas().containsKey(account))
                .forEach(f -> assignments.add(new AssignmentView(state.dataId(), f.fragmentNo(), f.cid(),
                        f.sizeEncrypted(), StorageView.replicas(f, directory.keepers())))));
        assignments.sort(Comparator.comparingLong(AssignmentView::dataId).thenComparingLong(AssignmentView::fragmentNo));
        return assignments;
    }
}
