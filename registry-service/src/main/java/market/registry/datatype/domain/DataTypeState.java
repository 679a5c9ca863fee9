package market.registry.datatype.domain;

import market.registry.datatype.domain.DataTypeEvent.DataTypeAdded;

/** A data type: absent until defined, then its definition. */
public record DataTypeState(DataTypeAdded definition) {

    public static final DataTypeState NONE = new DataTypeState(null);

    public boolean exists() {
        return definition != null;
    }
}
