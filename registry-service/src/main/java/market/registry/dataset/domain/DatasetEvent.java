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

    /** adddataend accepted: status 0 (on sale). */
    record DataRegistrationCompleted(long dataId, String provider, List<FragmentStorage> fragments, Instant at)
            implements DatasetEvent {
        public DataRegistrationCompleted {
            fragments = List.copyOf(fragments);
        }
    }

    /** removedata accepted: status 2. */
    record DataRemoved(long dataId, String removedBy, Instant at) implements DatasetEvent {}
}
