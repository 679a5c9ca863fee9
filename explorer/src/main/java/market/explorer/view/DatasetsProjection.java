package market.explorer.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import market.order.event.MarketOpened;
import market.platform.money.Money;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.DataShareDescribed;
import market.registry.event.DataStorageEnded;
import market.registry.event.FragmentStorageConfirmed;
import market.registry.event.PlacementRecorded;
import org.apache.avro.specific.SpecificRecord;

/**
 * Datasets as {@code registry.events} tell them (and {@code order.events} their market's address):
 * each one's status, storage clusters, confirmed fragments and DataShare samples. A dataset is
 * made by whichever of its events is read first; the newest is the last one made.
 */
public final class DatasetsProjection {

    private final Map<Long, Dataset> datasets = new HashMap<>();
    private long made;

    /** Applies one of the events a dataset is made of; others are not the datasets'. */
    public void apply(SpecificRecord event) {
        if (event instanceof DataRegistrationStarted e) {
            Dataset d = dataset(e.getDataId());
            d.provider = e.getProvider();
            d.datatype = e.getDatatypeName();
            d.price = e.getPrice();
            d.size = e.getSize();
            d.fragments = e.getFragments().size();
            d.status = d.status == null ? "REGISTERING" : d.status;
            d.registered = e.getTimestamp();
        } else if (event instanceof PlacementRecorded e) {
            e.getPlacements().forEach(p -> dataset(e.getDataId()).clusters.add(p.getIdfsClusterId()));
        } else if (event instanceof FragmentStorageConfirmed e) {
            dataset(e.getDataId()).confirmed.add(e.getFragmentNo());
        } else if (event instanceof DataRegistrationCompleted e) {
            dataset(e.getDataId()).status = e.getFeePending() ? "FEE_PENDING" : "ON_SALE";
        } else if (event instanceof DataPutOnSale e) {
            dataset(e.getDataId()).status = "ON_SALE";
        } else if (event instanceof DataRegistrationFailed e) {
            dataset(e.getDataId()).status = "FAILED";
        } else if (event instanceof DataRemoved e) {
            dataset(e.getDataId()).status = "REMOVED";
        } else if (event instanceof DataStorageEnded e) {
            dataset(e.getDataId()).status = "STORAGE_ENDED";
        } else if (event instanceof DataShareDescribed e) {
            Dataset d = dataset(e.getDataId());
            d.product = e.getProduct().getProductName();
            e.getProduct().getSamples().forEach(s -> d.samples.add(s.getSampleName()));
        } else if (event instanceof MarketOpened e) {
            dataset(e.getDataId()).address = e.getDataset();
        }
    }

    private Dataset dataset(long dataId) {
        return datasets.computeIfAbsent(dataId, id -> new Dataset(id, ++made));
    }

    /** At most {@code limit} datasets, newest first. */
    public List<DatasetView> newest(int limit) {
        return datasets.values().stream().sorted(Comparator.comparingLong((Dataset d) -> d.made).reversed())
                .limit(limit).map(Dataset::view).toList();
    }

    private static final class Dataset {
        final long dataId;
        final long made;
        String address;
        String provider;
        String datatype;
        long price;
        long size;
        int fragments;
        String status;
        Instant registered;
        String product;
        final TreeSet<Long> clusters = new TreeSet<>();
        final TreeSet<Long> confirmed = new TreeSet<>();
        final List<String> samples = new ArrayList<>();

        Dataset(long dataId, long made) {
            this.dataId = dataId;
            this.made = made;
        }

        DatasetView view() {
            return new DatasetView(Long.toString(dataId), address, provider, datatype, Money.ofUnits(price).format(), size,
                    fragments, confirmed.size(), clusters.stream().map(String::valueOf).toList(),
                    status == null ? "UNKNOWN" : status, product, List.copyOf(samples),
                    registered == null ? null : registered.toString());
        }
    }

    /** A dataset; ids (its own, its clusters') are strings, as a browser's numbers hold only 53 bits. */
    public record DatasetView(String dataId, String address, String provider, String datatype, String price, long size,
            int fragments, int fragmentsStored, List<String> clusters, String status, String product, List<String> samples,
            String registered) {}
}
