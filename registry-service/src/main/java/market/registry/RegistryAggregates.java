package market.registry;

import market.platform.runtime.AggregateType;
import market.registry.dataset.domain.DatasetCommand;
import market.registry.dataset.domain.DatasetDecider;
import market.registry.dataset.domain.DatasetEvent;
import market.registry.dataset.domain.DatasetState;
import market.registry.datashare.keys.domain.ProviderKeysCommand;
import market.registry.datashare.keys.domain.ProviderKeysDecider;
import market.registry.datashare.keys.domain.ProviderKeysEvent;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.datatype.domain.DataTypeCommand;
import market.registry.datatype.domain.DataTypeDecider;
import market.registry.datatype.domain.DataTypeEvent;
import market.registry.datatype.domain.DataTypeState;

/**
 * The registry's aggregates: data types keyed by name, datasets keyed by data_id, and each
 * provider's custody keys (ABE master key, watermark key) keyed by its address.
 */
public final class RegistryAggregates {

    public static final AggregateType<DataTypeCommand, DataTypeEvent, DataTypeState> DATATYPE =
            new AggregateType<>("datatype", DataTypeCommand.class, DataTypeEvent.class, new DataTypeDecider());

    public static final AggregateType<DatasetCommand, DatasetEvent, DatasetState> DATASET =
            new AggregateType<>("dataset", DatasetCommand.class, DatasetEvent.class, new DatasetDecider());

    public static final AggregateType<ProviderKeysCommand, ProviderKeysEvent, ProviderKeysState> PROVIDER_KEYS =
            new AggregateType<>("provider-keys", ProviderKeysCommand.class, ProviderKeysEvent.class,
                    new ProviderKeysDecider());

    private RegistryAggregates() {}
}
