package market.registry.dataset.view;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import market.platform.config.ServiceRuntime;
import market.registry.RegistryAggregates;
import market.platform.ids.DatasetAddress;
import market.registry.dataset.domain.DatasetEvent.KeysReleased;
import market.registry.dataset.domain.DatasetState;
import market.registry.dataset.domain.DatasetStatus;
import org.springframework.stereotype.Component;

/** Reads datasets from the registry's projection: one by id, or a filtered page. */
@Component
public class DatasetQueries {

    /** Filters of a list query; null means any. */
    public record Filter(String provider, String datatypeName, DatasetStatus status) {}

    /** One page of a list, and how many datasets match in all. */
    public record Page(List<DatasetView> items, int page, int size, long total) {}

    private final ServiceRuntime runtime;

    public DatasetQueries(ServiceRuntime runtime) {
        this.runtime = runtime;
    }

    public Optional<DatasetView> find(long dataId) {
        DatasetState state = (DatasetState) runtime.projection().states()
                .state(RegistryAggregates.DATASET, Long.toString(dataId));
        return state.exists() ? Optional.of(DatasetView.of(state)) : Optional.empty();
    }

    /** The dataset whose {@link market.platform.ids.DatasetAddress} is {@code address}. */
    public Optional<DatasetView> findByAddress(String address) {
        return runtime.projection().states().all(RegistryAggregates.DATASET)
                .filter(state -> DatasetAddress.of(state.registration().dataId()).equals(address))
                .findFirst().map(DatasetView::of);
    }

    /** The latest key release of {@code dataId} to {@code buyer}, if any. */
    public Optional<KeyReleaseView> releaseTo(long dataId, String buyer) {
        DatasetState state = (DatasetState) runtime.projection().states()
                .state(RegistryAggregates.DATASET, Long.toString(dataId));
        return state.releases().values().stream().filter(release -> release.buyer().equals(buyer))
                .max(Comparator.comparing(KeysReleased::at).thenComparingLong(KeysReleased::dealId))
                .map(KeyReleaseView::of);
    }

    /** Matching datasets, oldest registration first, then by id. */
    public Page list(Filter filter, int page, int size) {
        List<DatasetState> matching = runtime.projection().states().all(RegistryAggregates.DATASET)
                .filter(state -> filter.provider() == null || state.registration().provider().equals(filter.provider()))
                .filter(state -> filter.datatypeName() == null
                        || state.registration().datatypeName().equals(filter.datatypeName()))
                .filter(state -> filter.status() == null || state.status() == filter.status())
                .sorted(Comparator.comparing((DatasetState state) -> state.registration().at())
                        .thenComparingLong(state -> state.registration().dataId()))
                .toList();
        List<DatasetView> items = matching.stream().skip((long) page * size).limit(size).map(DatasetView::of).toList();
        return new Page(items, page, size, matching.size());
    }
}
