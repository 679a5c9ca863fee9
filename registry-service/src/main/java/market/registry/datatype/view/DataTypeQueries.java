package market.registry.datatype.view;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import market.platform.config.ServiceRuntime;
import market.registry.RegistryAggregates;
import market.registry.datatype.domain.DataTypeState;
import org.springframework.stereotype.Component;

/** Reads data types from the registry's projection of {@code registry.events}. */
@Component
public class DataTypeQueries {

    private final ServiceRuntime runtime;

    public DataTypeQueries(ServiceRuntime runtime) {
        this.runtime = runtime;
    }

    public Optional<DataTypeView> find(String name) {
        DataTypeState state = (DataTypeState) runtime.projection().states().state(RegistryAggregates.DATATYPE, name);
        return state.exists() ? Optional.of(DataTypeView.of(state.definition())) : Optional.empty();
    }

    public List<DataTypeView> all() {
        return runtime.projection().states().all(RegistryAggregates.DATATYPE)
                .map(state -> DataTypeView.of(state.definition()))
                .sorted(Comparator.comparing(DataTypeView::datatypeName)).toList();
    }
}
