package market.registry.dataset.domain;

import java.time.Instant;
import java.util.List;

/** Commands on a dataset aggregate, keyed by {@code data_id}. */
public sealed interface DatasetCommand {

    /**
     * adddatabegin. {@code datatype} is the referenced data type as the registry knows it, or null
     * when there is none.
     */
    record AddDataBegin(String provider, long dataId, DataTypeRef datatype, String datatypeName, long price,
            List<String> detailFields, long period, String dataHashOriginal, long size,
            List<FragmentPlan> fragments, Instant at) implements DatasetCommand {
        public AddDataBegin {
            detailFields = List.copyOf(detailFields);
            fragments = List.copyOf(fragments);
        }
    }

    /** adddataend: each fragment's cid, encrypted hash and custody-wrapped key. */
    record AddDataEnd(String provider, long dataId, List<FragmentStorage> fragments, Instant at)
            implements DatasetCommand {
        public AddDataEnd {
            fragments = List.copyOf(fragments);
        }
    }

    /**
     * The DataShare publish: adddatabegin of the data and sample fragments, with the product's
     * description; {@code providerHasAbeKey} is whether the provider's ABE master key exists, as
     * the registry's view of all partitions shows it. {@code staged} is null when the provider
     * uploads the fragments, or the fragments the registry encrypted from {@code plainData}.
     */
    record PublishDataShare(String provider, long dataId, DataShareProduct product, long price, long period,
            String dataHashOriginal, long size, List<FragmentPlan> fragments, boolean providerHasAbeKey,
            StagedStorage staged, Instant at) implements DatasetCommand {
        public PublishDataShare {
            fragments = List.copyOf(fragments);
        }

        /** A publish whose fragments the provider uploads. */
        public PublishDataShare(String provider, long dataId, DataShareProduct product, long price, long period,
                String dataHashOriginal, long size, List<FragmentPlan> fragments, boolean providerHasAbeKey,
                Instant at) {
            this(provider, dataId, product, price, period, dataHashOriginal, size, fragments, providerHasAbeKey, null,
                    at);
        }
    }

    /**
     * keeper-service opened the dataset's storage record (a reaction to StorageOpened): the staged
     * fragments of a plainData publish can be declared to it.
     */
    record DeclareStagedFragments(long dataId, Instant at) implements DatasetCommand {}

    /** Close a DataShare product: no new purchases. */
    record CloseDataShare(String user, long dataId, Instant at) implements DatasetCommand {}

    /** removedata. */
    record RemoveData(String user, long dataId, Instant at) implements DatasetCommand {}

    /** Settlement charged the storage fee (a reaction to FeeDebited). */
    record ConfirmStorageFee(long dataId, long amount, Instant at) implements DatasetCommand {}

    /** Settlement rejected the storage fee (a reaction to FeeRejected). */
    record FailRegistration(long dataId, String reason, Instant at) implements DatasetCommand {}

    /** keeper-service ended the data's storage term. */
    record EndStorage(long dataId, Instant at) implements DatasetCommand {}

    /**
     * A deal completed (a reaction to DealCompleted): release the keys, which the translator has
     * already wrapped to {@code buyerKey}; empty when the dataset has no stored keys.
     */
    record ReleaseKeys(long dataId, long dealId, String buyer, String buyerKey, List<ReleasedKey> keys, Instant at)
            implements DatasetCommand {
        public ReleaseKeys {
            keys = List.copyOf(keys);
        }
    }

    /** keeper-service placed the fragments: the cluster of each, by fragment_no (a reaction to FragmentsPlaced). */
    record RecordPlacement(long dataId, java.util.Map<Long, Long> clusters, Instant at) implements DatasetCommand {
        public RecordPlacement {
            clusters = java.util.Map.copyOf(clusters);
        }
    }

    /** keeper-service could not place the fragments (a reaction to PlacementRejected). */
    record FailPlacement(long dataId, String reason, Instant at) implements DatasetCommand {}

    /** Enough keepers hold a verified replica of a fragment (a reaction to FragmentStored). */
    record ConfirmFragmentStored(long dataId, long fragmentNo, String cid, int replicas, Instant at)
            implements DatasetCommand {}

    /** What a dataset needs to know of its data type. */
    record DataTypeRef(String datatypeName, long detailFieldsNum) {}
}
