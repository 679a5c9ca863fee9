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

    /** removedata. */
    record RemoveData(String user, long dataId, Instant at) implements DatasetCommand {}

    /** What a dataset needs to know of its data type. */
    record DataTypeRef(String datatypeName, long detailFieldsNum) {}
}
