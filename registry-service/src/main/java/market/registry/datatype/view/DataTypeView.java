package market.registry.datatype.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import market.registry.datatype.domain.DataTypeEvent.DataTypeAdded;

/** A data type as the API shows it, with the contract's field names. */
public record DataTypeView(
        @JsonProperty("datatype_id") long datatypeId,
        @JsonProperty("datatype_name") String datatypeName,
        @JsonProperty("definer") String definer,
        @JsonProperty("detail_fields_num") long detailFieldsNum,
        @JsonProperty("detail_fields") List<String> detailFields,
        @JsonProperty("timestamp") long timestamp) {

    public static DataTypeView of(DataTypeAdded definition) {
        return new DataTypeView(definition.datatypeId(), definition.datatypeName(), definition.definer(),
                definition.detailFieldsNum(), definition.detailFields(), definition.at().getEpochSecond());
    }
}
