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
        StorageState state = state(dataId);
        return state.exists() ? Optional.of(StorageView.of(dataId, state, directory().keepers())) : Optional.empty();
    }

    /**
     * What {@code account}'s cluster stores now: each declared fragment placed on it, of datasets
     * still stored, whether the keeper holds it yet or not; by data_id and fragment_no. A node may
     * drop what it holds and this no longer lists. None for an unknown keeper.
     */
    public Optional<List<KeptFragmentView>> kept(String account) {
        DirectoryState.Keeper keeper = directory().keepers().get(account);
        if (keeper == null) {
            return Optional.empty();
        }
        List<KeptFragmentView> kept = new ArrayList<>();
        runtime.projection().states().all(storage).filter(StorageState::open).forEach(state -> state.fragments().values()
                .stream().filter(f -> f.clusterId() == keeper.clusterId() && f.cid() != null)
                .forEach(f -> kept.add(new KeptFragmentView(state.dataId(), f.fragmentNo(), f.cid(),
                        f.replicas().containsKey(account)))));
        kept.sort(Comparator.comparingLong(KeptFragmentView::dataId).thenComparingLong(KeptFragmentView::fragmentNo));
        return Optional.of(kept);
    }

    /** The rewards of {@code account}'s replicas, by data_id and fragment_no. */
    public List<RewardView> rewardsOf(String account) {
        return runtime.projection().states().all(storage).filter(s -> s.term() != null)
                .flatMap(s -> s.rewards().values().stream().filter(r -> r.idfsAccount().equals(account))
                        .map(r -> RewardView.of(s, r)))
                .sorted(Comparator.comparingLong(RewardView::dataId).thenComparingLong(RewardView::fragmentNo))
                .toList();
    }

    /** The rewards of a dataset's replicas, by fragment_no and keeper; empty before it is on sale. */
    public List<RewardView> rewardsOf(long dataId) {
        StorageState state = state(dataId);
        if (state.term() == null) {
            return List.of();
        }
        return state.rewards().values().stream().map(r -> RewardView.of(state, r))
                .sorted(Comparator.comparingLong(RewardView::fragmentNo).thenComparing(RewardView::idfsAccount))
                .toList();
    }

    /** {@code account}'s claims, oldest first. */
    public List<ClaimView> claimsOf(String account) {
        return runtime.projection().states().all(storage)
                .flatMap(s -> s.claims().values().stream().filter(c -> c.idfsAccount().equals(account))
                        .map(c -> ClaimView.of(s.dataId(), c)))
                .sorted(Comparator.comparingLong(ClaimView::timestamp).thenComparingLong(ClaimView::claimId))
                .toList();
    }

    public Optional<ClaimView> claim(long dataId, long claimId) {
        StorageState.Claim claim = state(dataId).claims().get(claimId);
        return claim == null ? Optional.empty() : Optional.of(ClaimView.of(dataId, claim));
    }

    private StorageState state(long dataId) {
        return (StorageState) runtime.projection().states().state(storage, Long.toString(dataId));
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
