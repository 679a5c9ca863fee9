package market.registry.datatype.domain;

import java.util.HashSet;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.registry.datatype.domain.DataTypeCommand.AddDataType;
import market.registry.datatype.domain.DataTypeEvent.DataTypeAdded;

/**
 * Rules of a data type: its name is unique (the aggregate is keyed by it), it is a short
 * identifier, {@code detail_fields_num} equals the number of field names, and field names are
 * non-blank and distinct.
 */
public final class DataTypeDecider implements Decider<DataTypeCommand, DataTypeEvent, DataTypeState> {

    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @Override
    public DataTypeState initialState() {
        return DataTypeState.NONE;
    }

    @Override
    public Decision<DataTypeEvent> decide(DataTypeCommand command, DataTypeState state) {
        AddDataType add = (AddDataType) command;
        if (!add.datatypeName().matches(NAME_PATTERN)) {
            return Decision.reject(Rejection.invalid("REGISTRY.INVALID_DATATYPE_NAME",
                    "datatype_name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (state.exists()) {
            return Decision.reject(Rejection.conflict("REGISTRY.DATATYPE_EXISTS", "The data type already exists"));
        }
        if (add.detailFieldsNum() != add.detailFields().size()) {
            return Decision.reject(Rejection.invalid("REGISTRY.DETAIL_FIELDS_NUM_MISMATCH",
                    "detail_fields_num must equal the number of detail_fields"));
        }
        if (add.detailFields().stream().anyMatch(String::isBlank)
                || new HashSet<>(add.detailFields()).size() != add.detailFields().size()) {
            return Decision.reject(Rejection.invalid("REGISTRY.INVALID_DETAIL_FIELDS",
                    "detail_fields must be distinct, non-blank names"));
        }
        return Decision.accept(new DataTypeAdded(add.datatypeId(), add.datatypeName(), add.definer(),
                add.detailFieldsNum(), add.detailFields(), add.at()));
    }

    @Override
    public DataTypeState evolve(DataTypeState state, DataTypeEvent event) {
        return new DataTypeState((DataTypeAdded) event);
    }
}
