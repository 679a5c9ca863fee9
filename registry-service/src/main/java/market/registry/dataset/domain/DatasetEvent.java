package market.registry.dataset.domain;

import java.time.Instant;
import java.util.List;

/** Events of a dataset aggregate. */
public sealed interface DatasetEvent {

    long dataId();

    /** adddatabegin accepted: status 1 (registering), with the fee computed once. */
    record DataRegistrationStarted(long dataId, String datatypeName, String provider, long price,
            List<String> detailFields, long period, String dataHashOriginal, long size, List<FragmentPlan> fragments,
            StorageFee fee, Instant at) implements DatasetEvent {
        public DataRegistrationStarted {
            detailFields = List.copyOf(detailFields);
            fragments = List.copyOf(fragments);
        }
    }

    /**
     * adddataend accepted. With {@code feePending}, settlement now charges {@code storageFee} and
     * the data stays registering until {@link DataPutOnSale} or {@link DataRegistrationFailed};
     * without it (registrations recorded before the fee went through settlement) it is on sale.
     */
    record DataRegistrationCompleted(long dataId, String provider, List<FragmentStorage> fragments, Instant at,
            long storageFee, boolean feePending) implements DatasetEvent {
        public DataRegistrationCompleted {
            fragments = List.copyOf(fragments);
        }
    }

    /** Settlement charged the storage fee: status 0 (on sale). */
    /** The fee was charged: status 0, on sale; its storage term of {@code period} days starts, {@code daySingleIDFSfee} a keeper and day. */
    record DataPutOnSale(long dataId, String provider, long storageFee, long period, long daySingleIDFSfee, Instant at)
            implements DatasetEvent {}

    /** The storage period ran out: status 3. */
    record DataStorageEnded(long dataId, String provider, Instant at) implements DatasetEvent {}

    /** Settlement rejected the storage fee: status 4 (registration failed). */
    record DataRegistrationFailed(long dataId, String provider, String reason, Instant at) implements DatasetEvent {}

    /** A deal completed: the fragment keys, wrapped to the buyer's public key. */
    record KeysReleased(long dataId, long dealId, String buyer, String buyerKey, List<ReleasedKey> keys, Instant at)
            implements DatasetEvent {
        public KeysReleased {
            keys = List.copyOf(keys);
        }
    }

    /** keeper-service placed the fragments: the cluster that stores each, by fragment_no. */
    record PlacementRecorded(long dataId, java.util.Map<Long, Long> clusters, Instant at) implements DatasetEvent {
        public PlacementRecorded {
            clusters = java.util.Map.copyOf(clusters);
        }
    }

    /** Enough keepers hold verified replicas of the fragment's CID: adddataend may name it. */
    record FragmentStorageConfirmed(long dataId, long fragmentNo, String cid, int replicas, Instant at)
            implements DatasetEvent {}

    /** The dataset is a DataShare product; follows its {@link DataRegistrationStarted}. */
    record DataShareDescribed(long dataId, String provider, DataShareProduct product, long price, Instant at)
            implements DatasetEvent {}

    /** The registry encrypted the product's plainData and stages its fragments; follows {@link DataShareDescribed}. */
    record DataShareStaged(long dataId, String provider, StagedStorage staged, Instant at) implements DatasetEvent {}

    /** The staged fragments, for keeper-service to declare with the registry's uploader. */
    record StagedFragmentsDeclared(long dataId, String provider, String uploader,
            List<StagedStorage.Declaration> fragments, Instant at) implements DatasetEvent {
        public StagedFragmentsDeclared {
            fragments = List.copyOf(fragments);
        }
    }

    /** The DataShare product takes no new purchases; buyers keep access. */
    record DataShareClosed(long dataId, String provider, Instant at) implements DatasetEvent {}

    /** removedata accepted: status 2. */
    record DataRemoved(long dataId, String removedBy, Instant at) implements DatasetEvent {}
}
