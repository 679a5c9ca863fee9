package market.registry;

import market.platform.runtime.AggregateType;
import market.registry.dataset.domain.DatasetCommand;
import market.registry.dataset.domain.DatasetDecider;
import market.registry.dataset.domain.DatasetEvent;
import market.registry.dataset.domain.DatasetState;
import market.registry.datatype.domain.DataTypeCommand;
import market.registry.datatype.domain.DataTypeDecider;
import market.registry.datatype.domain.DataTypeEvent;
import market.registry.datatype.domain.DataTypeState;

/** The registry's two aggregates: data types keyed by name, datasets keyed by data_id. */
public final class RegistryAggregates {

    public static final AggregateType<DataTypeCommand, DataTypeEvent, DataTypeState> DATATYPE =
            new AggregateType<>("datatype", DataTypeCommand.class, DataTypeEvent.class, new DataTypeDecider());

    public static final AggregateType<DatasetCommand, DatasetEvent, DatasetState> DATASET =
            new AggregateType<>("dataset", DatasetCommand.class, DatasetEvent.class, new DatasetDecider());

    private RegistryAggregates() {}
}
