package market.registry.dataset.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import market.platform.content.Cid;
import market.platform.crypto.Hashes;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.registry.dataset.domain.DatasetCommand.AddDataBegin;
import market.registry.dataset.domain.DatasetCommand.AddDataEnd;
import market.registry.dataset.domain.DatasetCommand.RemoveData;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationCompleted;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetEvent.DataRemoved;

/**
 * Rules of a dataset, after the OSB contract: two-phase registration (adddatabegin, then
 * adddataend by the provider while registering, after which settlement charges the storage fee),
 * and removal by the provider only, once, and not while the fee is being charged. The steps that
 * follow settlement and deals are in {@link DatasetSaga}.
 */
public final class DatasetDecider implements Decider<DatasetCommand, DatasetEvent, DatasetState> {

    public static final String NOT_PROVIDER_REMOVE = "Only provider can remove data";
    public static final String ALREADY_REMOVED = "The data has already been removed";

    @Override
    public DatasetState initialState() {
        return DatasetState.NONE;
    }

    @Override
    public Decision<DatasetEvent> decide(DatasetCommand command, DatasetState state) {
        if (command instanceof AddDataBegin begin) {
            return begin(begin, state);
        }
        if (command instanceof AddDataEnd end) {
            return end(end, state);
        }
        if (command instanceof RemoveData remove) {
            return remove(remove, state);
        }
        if (DataShareRules.handles(command)) {
            return DataShareRules.decide(command, state);
        }
        if (DatasetStorage.handles(command)) {
            return DatasetStorage.decide(command, state);
        }
        return DatasetSaga.decide(command, state);
    }

    /** adddatabegin's rules on price, period, hashes, fragments and fee, shared by the DataShare publish. */
    public static Rejection registrationProblem(long price, long period, String dataHashOriginal, List<FragmentPlan> fragments,
            long size) {
        if (price < 0) {
            return Rejection.invalid("REGISTRY.INVALID_PRICE", "price must be 0 or more");
        }
        if (period < 1) {
            return Rejection.invalid("REGISTRY.INVALID_PERIOD", "period must be at least 1 day");
        }
        if (!Hashes.isSha256Hex(dataHashOriginal)) {
            return invalidHash("data_hash_original");
        }
        return checkFragments(fragments, size);
    }

    /** The registration a valid begin starts, its fragments in order and hashes in lower case; null when the fee overflows. */
    static DataRegistrationStarted started(long dataId, String datatypeName, String provider, long price,
            List<String> detailFields, long period, String dataHashOriginal, long size, List<FragmentPlan> fragments,
            java.time.Instant at) {
        StorageFee fee;
        try {
            fee = StorageFee.of(size, period, fragments.size());
        } catch (ArithmeticException e) {
            return null;
        }
        List<FragmentPlan> ordered = fragments.stream()
                .map(f -> new FragmentPlan(f.fragmentNo(), f.size(), lower(f.hashOriginal()), f.idfsClusterId()))
                .sorted(Comparator.comparingLong(FragmentPlan::fragmentNo)).toList();
        return new DataRegistrationStarted(dataId, datatypeName, provider, price, detailFields, period,
                lower(dataHashOriginal), size, ordered, fee, at);
    }

    static Rejection feeOverflow() {
        return Rejection.invalid("REGISTRY.FEE_OVERFLOW", "the storage fee is too large: reduce size or period");
    }

    private static Decision<DatasetEvent> begin(AddDataBegin c, DatasetState state) {
        if (state.exists()) {
            return Decision.reject(Rejection.conflict("REGISTRY.DATA_EXISTS", "The data already exists"));
        }
        if (c.datatype() == null) {
            return Decision.reject(Rejection.notFound("REGISTRY.DATATYPE_NOT_FOUND", "The data type does not exist"));
        }
        if (c.detailFields().size() != c.datatype().detailFieldsNum()) {
            return Decision.reject(Rejection.invalid("REGISTRY.DETAIL_FIELDS_MISMATCH", "detail_fields must have "
                    + c.datatype().detailFieldsNum() + " values for data type " + c.datatype().datatypeName()));
        }
        Rejection problem = registrationProblem(c.price(), c.period(), c.dataHashOriginal(), c.fragments(), c.size());
        if (problem != null) {
            return Decision.reject(problem);
        }
        DataRegistrationStarted started = started(c.dataId(), c.datatypeName(), c.provider(), c.price(),
                c.detailFields(), c.period(), c.dataHashOriginal(), c.size(), c.fragments(), c.at());
        return started == null ? Decision.reject(feeOverflow()) : Decision.accept(started);
    }

    private static Rejection checkFragments(List<FragmentPlan> fragments, long size) {
        if (fragments.isEmpty()) {
            return Rejection.invalid("REGISTRY.NO_FRAGMENTS", "at least one fragment is required");
        }
        if (!numberedOneToN(fragments.stream().map(FragmentPlan::fragmentNo).toList())) {
            return Rejection.invalid("REGISTRY.FRAGMENT_NUMBERING", "fragment_no must run 1.." + fragments.size()
                    + " without gaps or repeats");
        }
        long sum = 0;
        for (FragmentPlan fragment : fragments) {
            if (!Hashes.isSha256Hex(fragment.hashOriginal())) {
                return invalidHash("fragment " + fragment.fragmentNo() + " hash_original");
            }
            if (fragment.size() < 1) {
                return Rejection.invalid("REGISTRY.INVALID_FRAGMENT_SIZE", "fragment " + fragment.fragmentNo()
                        + " size must be at least 1 byte");
            }
            if (fragment.idfsClusterId() < 0) {
                return Rejection.invalid("REGISTRY.INVALID_CLUSTER", "fragment " + fragment.fragmentNo()
                        + " idfs_cluster_id must be 0 (any) or a cluster id");
            }
            sum = sum > Long.MAX_VALUE - fragment.size() ? -1 : sum + fragment.size();
            if (sum < 0) {
                break;
            }
        }
        if (sum != size) {
            return Rejection.invalid("REGISTRY.SIZE_MISMATCH", "size must equal the sum of the fragment sizes");
        }
        return null;
    }

    private static Decision<DatasetEvent> end(AddDataEnd c, DatasetState state) {
        if (!state.exists()) {
            return Decision.reject(notFound());
        }
        if (!state.registration().provider().equals(c.provider())) {
            return Decision.reject(Rejection.forbidden("REGISTRY.NOT_PROVIDER",
                    "Only provider can complete the registration"));
        }
        if (state.status() == DatasetStatus.REMOVED) {
            return Decision.reject(Rejection.conflict("REGISTRY.DATA_ALREADY_REMOVED", ALREADY_REMOVED));
        }
        if (state.feePending()) {
            return Decision.reject(feePending());
        }
        if (state.status() != DatasetStatus.REGISTERING) {
            return Decision.reject(Rejection.conflict("REGISTRY.NOT_REGISTERING", "The data is not being registered"));
        }
        if (state.staged() != null) {
            return Decision.reject(Rejection.conflict("REGISTRY.STAGED_BY_REGISTRY", "The registry encrypted this "
                    + "product's plainData: it stores the fragments and completes the registration itself"));
        }
        List<Long> numbers = c.fragments().stream().map(FragmentStorage::fragmentNo).toList();
        if (numbers.size() != state.registration().fragments().size() || !numberedOneToN(numbers)) {
            return Decision.reject(Rejection.invalid("REGISTRY.FRAGMENTS_MISMATCH",
                    "fragments must list each registered fragment_no (1.." + state.registration().fragments().size()
                            + ") exactly once"));
        }
        List<FragmentStorage> stored = new ArrayList<>();
        for (FragmentStorage fragment : c.fragments()) {
            if (!Cid.isCid(fragment.cid())) {
                return Decision.reject(Rejection.invalid("REGISTRY.INVALID_CID", "fragment " + fragment.fragmentNo()
                        + " cid must be an IPFS CIDv1 in base32 (bafy… or bafk…)"));
            }
            if (!Hashes.isSha256Hex(fragment.hashEncrypted())) {
                return Decision.reject(invalidHash("fragment " + fragment.fragmentNo() + " hash_encrypted"));
            }
            stored.add(new FragmentStorage(fragment.fragmentNo(), fragment.cid(), lower(fragment.hashEncrypted()),
                    fragment.key()));
        }
        stored.sort(Comparator.comparingLong(FragmentStorage::fragmentNo));
        Rejection keys = DataShareRules.keyProblem(state, stored);
        if (keys != null) {
            return Decision.reject(keys);
        }
        Rejection notStored = storageProblem(stored, state);
        if (notStored != null) {
            return Decision.reject(notStored);
        }
        return Decision.accept(new DataRegistrationCompleted(c.dataId(), c.provider(), stored, c.at(),
                state.registration().fee().totalStorageFee(), true));
    }

    /**
     * Data goes on sale only when it is stored: each fragment must have enough verified replicas
     * on its keepers, of the CID adddataend names.
     */
    private static Rejection storageProblem(List<FragmentStorage> fragments, DatasetState state) {
        List<Long> missing = new ArrayList<>();
        for (FragmentStorage fragment : fragments) {
            String cid = state.storedCids().get(fragment.fragmentNo());
            if (cid == null) {
                missing.add(fragment.fragmentNo());
            } else if (!cid.equals(fragment.cid())) {
                return Rejection.conflict("REGISTRY.CID_MISMATCH", "fragment " + fragment.fragmentNo()
                        + " is stored on its keepers as " + cid + ", not as the cid given");
            }
        }
        if (!missing.isEmpty()) {
            missing.sort(null);
            return Rejection.conflict("REGISTRY.FRAGMENTS_NOT_STORED", "fragments " + missing
                    + " are not stored on enough keepers yet: upload them first (market data end does)");
        }
        return null;
    }

    private static Decision<DatasetEvent> remove(RemoveData c, DatasetState state) {
        if (!state.exists()) {
            return Decision.reject(notFound());
        }
        if (!state.registration().provider().equals(c.user())) {
            return Decision.reject(Rejection.forbidden("REGISTRY.NOT_PROVIDER", NOT_PROVIDER_REMOVE));
        }
        if (state.status() == DatasetStatus.REMOVED) {
            return Decision.reject(Rejection.conflict("REGISTRY.DATA_ALREADY_REMOVED", ALREADY_REMOVED));
        }
        if (state.status() == DatasetStatus.STORAGE_ENDED) {
            return Decision.reject(Rejection.conflict("REGISTRY.STORAGE_ENDED",
                    "The data's storage period has ended: it is no longer stored"));
        }
        if (state.feePending()) {
            return Decision.reject(feePending());
        }
        return Decision.accept(new DataRemoved(c.dataId(), c.user(), c.at()));
    }

    @Override
    public DatasetState evolve(DatasetState state, DatasetEvent event) {
        if (event instanceof DataRegistrationStarted started) {
            return new DatasetState(started, DatasetStatus.REGISTERING, List.of(), null, null, false, null,
                    DatasetState.NONE.releases(), Map.of(), Map.of(), null);
        }
        if (event instanceof DataRegistrationCompleted completed) {
            return new DatasetState(state.registration(),
                    completed.feePending() ? DatasetStatus.REGISTERING : DatasetStatus.ON_SALE, completed.fragments(),
                    completed.at(), null, completed.feePending(), null, state.releases(), state.clusters(),
                    state.storedCids(), state.dataShare());
        }
        if (event instanceof DataRemoved removed) {
            return new DatasetState(state.registration(), DatasetStatus.REMOVED, state.stored(), state.completedAt(),
                    removed.at(), false, state.failureReason(), state.releases(), state.clusters(),
                    state.storedCids(), state.dataShare());
        }
        if (DatasetStorage.handles(event)) {
            return DatasetStorage.evolve(state, event);
        }
        if (DataShareRules.handles(event)) {
            return DataShareRules.evolve(state, event);
        }
        return DatasetSaga.evolve(state, event);
    }

    private static boolean numberedOneToN(List<Long> numbers) {
        List<Long> sorted = numbers.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i) != i + 1) {
                return false;
            }
        }
        return true;
    }

    private static Rejection feePending() {
        return Rejection.conflict("REGISTRY.FEE_PENDING", "The storage fee is being charged");
    }

    static Rejection notFound() {
        return Rejection.notFound("REGISTRY.DATA_NOT_FOUND", "The data does not exist");
    }

    private static Rejection invalidHash(String field) {
        return Rejection.invalid("REGISTRY.INVALID_HASH", field + " must be a SHA-256 digest: 64 hex digits");
    }

    private static String lower(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }
}
