package market.registry.datatype.domain;

import java.time.Instant;
import java.util.List;

/** Commands on a data type aggregate, keyed by {@code datatype_name}. */
public sealed interface DataTypeCommand {

    /** adddatatype: {@code definer} defines a type whose datasets carry {@code detail_fields}. */
    record AddDataType(String definer, long datatypeId, String datatypeName, long detailFieldsNum,
            List<String> detailFields, Instant at) implements DataTypeCommand {
        public AddDataType {
            detailFields = List.copyOf(detailFields);
        }
    }
}
