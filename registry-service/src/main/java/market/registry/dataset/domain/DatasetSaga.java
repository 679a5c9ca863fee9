package market.registry.dataset.domain;

import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.registry.dataset.domain.DatasetCommand.ConfirmStorageFee;
import market.registry.dataset.domain.DatasetCommand.EndStorage;
import market.registry.dataset.domain.DatasetCommand.FailRegistration;
import market.registry.dataset.domain.DatasetCommand.ReleaseKeys;
import market.registry.dataset.domain.DatasetEvent.DataPutOnSale;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationFailed;
import market.registry.dataset.domain.DatasetEvent.DataStorageEnded;
import market.registry.dataset.domain.DatasetEvent.KeysReleased;

/**
 * The dataset's saga steps: settlement charged the storage fee (on sale) or rejected it
 * (registration failed), each applied once while the fee is pending; a completed deal
 * releases the keys to its buyer, once per deal_id; the end of its storage term ends data on
 * sale (status 3), once, and changes nothing for data removed or failed before.
 */
final class DatasetSaga {

    private DatasetSaga() {}

    static Decision<DatasetEvent> decide(DatasetCommand command, DatasetState state) {
        if (command instanceof ConfirmStorageFee c) {
            if (!state.exists()) {
                return Decision.reject(DatasetDecider.notFound());
            }
            return state.feePending()
                    ? Decision.accept(new DataPutOnSale(c.dataId(), state.registration().provider(), c.amount(),
                            state.registration().period(), state.registration().fee().daySingleIDFSfee(), c.at()))
                    : Decision.accept();
        }
        if (command instanceof FailRegistration c) {
            if (!state.exists()) {
                return Decision.reject(DatasetDecider.notFound());
            }
            return state.feePending()
                    ? Decision.accept(new DataRegistrationFailed(c.dataId(), state.registration().provider(),
                            c.reason(), c.at()))
                    : Decision.accept();
        }
        if (command instanceof EndStorage c) {
            if (!state.exists()) {
                return Decision.reject(DatasetDecider.notFound());
            }
            return state.status() == DatasetStatus.ON_SALE
                    ? Decision.accept(new DataStorageEnded(c.dataId(), state.registration().provider(), c.at()))
                    : Decision.accept();
        }
        ReleaseKeys c = (ReleaseKeys) command;
        if (!state.exists() || state.stored().isEmpty()) {
            return Decision.reject(DatasetDecider.notFound());
        }
        if (state.releases().containsKey(c.dealId())) {
            return Decision.accept();
        }
        long keyed = state.stored().stream()
                .filter(f -> !(state.isDataShare() && state.dataShare().product().isSample(f.fragmentNo()))).count();
        if (c.keys().size() != keyed) {
            return Decision.reject(Rejection.invalid("REGISTRY.KEYS_MISMATCH",
                    "a release must hold one key for each stored fragment that is not a public sample"));
        }
        return Decision.accept(new KeysReleased(c.dataId(), c.dealId(), c.buyer(), c.buyerKey(), c.keys(), c.at()));
    }

    static DatasetState evolve(DatasetState state, DatasetEvent event) {
        if (event instanceof DataPutOnSale) {
            return state.with(DatasetStatus.ON_SALE, false, null);
        }
        if (event instanceof DataStorageEnded) {
            return state.with(DatasetStatus.STORAGE_ENDED, false, state.failureReason());
        }
        if (event instanceof DataRegistrationFailed failed) {
            return state.with(DatasetStatus.REGISTRATION_FAILED, false, failed.reason());
        }
        KeysReleased released = (KeysReleased) event;
        return new DatasetState(state.registration(), state.status(), state.stored(), state.completedAt(),
                state.removedAt(), state.feePending(), state.failureReason(),
                state.releases().plus(released.dealId(), released), state.clusters(), state.storedCids(),
                state.dataShare());
    }
}
