package market.registry.datatype.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import market.platform.domain.Rejection;
import market.platform.testing.DeciderFixture;
import market.registry.datatype.domain.DataTypeCommand.AddDataType;
import market.registry.datatype.domain.DataTypeEvent.DataTypeAdded;
import org.junit.jupiter.api.Test;

class DataTypeDeciderTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final String DEFINER = "0x1111111111111111111111111111111111111111";

    private final DeciderFixture<DataTypeCommand, DataTypeEvent, DataTypeState> fixture =
            DeciderFixture.of(new DataTypeDecider());

    private static AddDataType add(String name, long num, List<String> fields) {
        return new AddDataType(DEFINER, 7L, name, num, fields, AT);
    }

    @Test
    void definesANewDataType() {
        DataTypeState state = fixture.given()
                .when(add("weather", 2, List.of("city", "date")))
                .then(new DataTypeAdded(7L, "weather", DEFINER, 2, List.of("city", "date"), AT));
        assertThat(state.exists()).isTrue();
    }

    @Test
    void rejectsADuplicateName() {
        fixture.given(new DataTypeAdded(1L, "weather", DEFINER, 1, List.of("city"), AT))
                .when(add("weather", 1, List.of("city")))
                .thenRejects("REGISTRY.DATATYPE_EXISTS", "The data type already exists");
    }

    @Test
    void rejectsAFieldCountThatDoesNotMatchTheNames() {
        Rejection rejection = fixture.given().when(add("weather", 3, List.of("city", "date")))
                .thenRejects("REGISTRY.DETAIL_FIELDS_NUM_MISMATCH");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @Test
    void rejectsBlankOrRepeatedFieldNames() {
        fixture.given().when(add("weather", 2, List.of("city", "city"))).thenRejects("REGISTRY.INVALID_DETAIL_FIELDS");
        fixture.given().when(add("weather", 2, List.of("city", " "))).thenRejects("REGISTRY.INVALID_DETAIL_FIELDS");
    }

    @Test
    void rejectsNamesThatAreNotShortIdentifiers() {
        fixture.given().when(add("", 0, List.of())).thenRejects("REGISTRY.INVALID_DATATYPE_NAME");
        fixture.given().when(add("has space", 0, List.of())).thenRejects("REGISTRY.INVALID_DATATYPE_NAME");
        fixture.given().when(add("x".repeat(65), 0, List.of())).thenRejects("REGISTRY.INVALID_DATATYPE_NAME");
    }

    @Test
    void allowsATypeWithoutFields() {
        fixture.given().when(add("blob", 0, List.of()))
                .then(new DataTypeAdded(7L, "blob", DEFINER, 0, List.of(), AT));
    }
}
