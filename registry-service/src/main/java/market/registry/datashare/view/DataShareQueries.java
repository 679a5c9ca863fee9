package market.registry.datashare.view;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import market.platform.config.ServiceRuntime;
import market.registry.RegistryAggregates;
import market.registry.dataset.domain.DatasetState;
import org.springframework.stereotype.Component;

/** Reads DataShare products from the registry's projection: query-dataset and query-datasets. */
@Component
public class DataShareQueries {

    /** query-datasets filters; null means any. {@code status} is {@code ready} or {@code closed}. */
    public record Filter(String provider, String searchText, String status) {}

    /** One page, numbered from 1 as the contract's {@code currentPage}, and how many products match. */
    public record Page(List<DataShareView> datasets, int currentPage, int pageSizeNum, long total) {}

    private final ServiceRuntime runtime;

    public DataShareQueries(ServiceRuntime runtime) {
        this.runtime = runtime;
    }

    public Optional<DataShareView> find(long dataId) {
        return state(dataId).map(DataShareView::of);
    }

    public Optional<DatasetState> state(long dataId) {
        DatasetState state = (DatasetState) runtime.projection().states()
                .state(RegistryAggregates.DATASET, Long.toString(dataId));
        return state.exists() && state.isDataShare() ? Optional.of(state) : Optional.empty();
    }

    /** Every DataShare product, as the datasets' projection holds them. */
    public Stream<DatasetState> products() {
        return runtime.projection().states().all(RegistryAggregates.DATASET)
                .filter(state -> state.exists() && state.isDataShare());
    }

    public Page list(Filter filter, int currentPage, int pageSizeNum) {
        String text = filter.searchText() == null ? null : filter.searchText().toLowerCase(Locale.ROOT);
        List<DatasetState> matching = products()
                .filter(state -> filter.provider() == null || state.registration().provider().equals(filter.provider()))
                .filter(state -> filter.status() == null || DataShareView.status(state).equals(filter.status()))
                .filter(state -> text == null || matches(state, text))
                .sorted(Comparator.comparing((DatasetState state) -> state.registration().at())
                        .thenComparingLong(state -> state.registration().dataId()))
                .toList();
        List<DataShareView> page = matching.stream().skip((long) (currentPage - 1) * pageSizeNum).limit(pageSizeNum)
                .map(DataShareView::of).toList();
        return new Page(page, currentPage, pageSizeNum, matching.size());
    }

    private static boolean matches(DatasetState state, String text) {
        var p = state.dataShare().product();
        return Stream.of(p.productId(), p.productName(), p.description(), p.providerName(), p.dataName())
                .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(text));
    }
}
