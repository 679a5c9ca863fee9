package market.registry.dataset.domain;

import java.util.HashMap;
import java.util.Map;
import market.platform.domain.Decision;
import market.registry.dataset.domain.DatasetCommand.ConfirmFragmentStored;
import market.registry.dataset.domain.DatasetCommand.FailPlacement;
import market.registry.dataset.domain.DatasetCommand.RecordPlacement;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationCompleted;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationFailed;
import market.registry.dataset.domain.DatasetEvent.FragmentStorageConfirmed;
import market.registry.dataset.domain.DatasetEvent.PlacementRecorded;

/**
 * The dataset's storage steps, from keeper-service's events: the cluster of each fragment is
 * recorded once; a placement keeper-service refused fails a registration still being registered
 * (status 4, with the reason), once; and each fragment that enough keepers hold is recorded with
 * its CID, once, while the data is registering. adddataend needs every fragment recorded so;
 * a plainData publish completes when its last staged fragment is recorded.
 */
final class DatasetStorage {

    private DatasetStorage() {}

    static Decision<DatasetEvent> decide(DatasetCommand command, DatasetState state) {
        if (!state.exists()) {
            return Decision.reject(DatasetDecider.notFound());
        }
        if (command instanceof RecordPlacement c) {
            return state.clusters().isEmpty()
                    ? Decision.accept(new PlacementRecorded(c.dataId(), c.clusters(), c.at()))
                    : Decision.accept();
        }
        if (command instanceof FailPlacement c) {
            return state.status() == DatasetStatus.REGISTERING && state.completedAt() == null && !state.feePending()
                    ? Decision.accept(new DataRegistrationFailed(c.dataId(), state.registration().provider(),
                            "the fragments could not be placed: " + c.reason(), c.at()))
                    : Decision.accept();
        }
        ConfirmFragmentStored c = (ConfirmFragmentStored) command;
        if (state.storedCids().containsKey(c.fragmentNo()) || state.status() != DatasetStatus.REGISTERING) {
            return Decision.accept();
        }
        FragmentStorageConfirmed confirmed = new FragmentStorageConfirmed(c.dataId(), c.fragmentNo(), c.cid(),
                c.replicas(), c.at());
        DataRegistrationCompleted completed = stagedCompletion(evolve(state, confirmed), c.at());
        return completed == null ? Decision.accept(confirmed) : Decision.accept(confirmed, completed);
    }

    /**
     * A plainData publish completes on its own once every staged fragment is stored under its
     * staged CID: the registration the provider signed at publish, with the keys the registry
     * staged, and the storage fee then charged as after adddataend. Null while anything is missing.
     */
    private static DataRegistrationCompleted stagedCompletion(DatasetState state, java.time.Instant at) {
        StagedStorage staged = state.staged();
        if (staged == null || state.completedAt() != null || state.feePending()) {
            return null;
        }
        for (StagedStorage.StagedFragment fragment : staged.fragments()) {
            if (!fragment.cid().equals(state.storedCids().get(fragment.fragmentNo()))) {
                return null;
            }
        }
        return new DataRegistrationCompleted(state.registration().dataId(), state.registration().provider(),
                staged.fragments().stream().map(StagedStorage.StagedFragment::stored).toList(), at,
                state.registration().fee().totalStorageFee(), true);
    }

    static boolean handles(DatasetCommand command) {
        return command instanceof RecordPlacement || command instanceof FailPlacement
                || command instanceof ConfirmFragmentStored;
    }

    static boolean handles(DatasetEvent event) {
        return event instanceof PlacementRecorded || event instanceof FragmentStorageConfirmed;
    }

    static DatasetState evolve(DatasetState s, DatasetEvent event) {
        Map<Long, Long> clusters = s.clusters();
        Map<Long, String> cids = s.storedCids();
        if (event instanceof PlacementRecorded e) {
            clusters = e.clusters();
        } else {
            FragmentStorageConfirmed e = (FragmentStorageConfirmed) event;
            cids = new HashMap<>(cids);
            cids.put(e.fragmentNo(), e.cid());
        }
        return new DatasetState(s.registration(), s.status(), s.stored(), s.completedAt(), s.removedAt(),
                s.feePending(), s.failureReason(), s.releases(), clusters, cids, s.dataShare());
    }
}
