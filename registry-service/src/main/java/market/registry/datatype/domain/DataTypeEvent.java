package market.registry.datatype.domain;

import java.time.Instant;
import java.util.List;

/** Events of a data type aggregate. */
public sealed interface DataTypeEvent {

    record DataTypeAdded(long datatypeId, String datatypeName, String definer, long detailFieldsNum,
            List<String> detailFields, Instant at) implements DataTypeEvent {
        public DataTypeAdded {
            detailFields = List.copyOf(detailFields);
        }
    }
}
