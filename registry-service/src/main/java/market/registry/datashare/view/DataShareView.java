package market.registry.datashare.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import market.platform.ids.DatasetAddress;
import market.platform.ids.Did;
import market.platform.money.Money;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetState;
import market.registry.dataset.domain.DatasetStatus;
import market.registry.dataset.domain.FragmentPlan;
import market.registry.dataset.domain.FragmentStorage;

/**
 * A DataShare product with the contract's response fields (Table 5 and 6), and the registry's
 * own: its data_id and dataset address, its policy and watermark type. A file's {@code dataUrl}
 * is {@code ipfs://<cid>} once stored, served by every keeper of its cluster; {@code encryptData}
 * names the encrypted data the same way. {@code encryptedAesKey} is never in a public view: the
 * key is released only to buyers, wrapped to their key.
 */
public record DataShareView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("address") String address,
        @JsonProperty("provider") String provider,
        @JsonProperty("providerName") String providerName,
        @JsonProperty("productName") String productName,
        @JsonProperty("productID") String productId,
        @JsonProperty("sampleUrl") String sampleUrl,
        @JsonProperty("sampleSize") String sampleSize,
        @JsonProperty("sampleType") String sampleType,
        @JsonProperty("sampleName") String sampleName,
        @JsonProperty("fileType") String fileType,
        @JsonProperty("dataUrl") String dataUrl,
        @JsonProperty("dataHash") String dataHash,
        @JsonProperty("dataSize") String dataSize,
        @JsonProperty("dataName") String dataName,
        @JsonProperty("description") String description,
        @JsonProperty("price") String price,
        @JsonProperty("encryptedAesKey") String encryptedAesKey,
        @JsonProperty("status") String status,
        @JsonProperty("publishTime") String publishTime,
        @JsonProperty("dataFiles") List<DataFile> dataFiles,
        @JsonProperty("sampleFiles") List<DataFile> sampleFiles,
        @JsonProperty("category") String category,
        @JsonProperty("encryptData") String encryptData,
        @JsonProperty("policy") String policy,
        @JsonProperty("watermarkType") String watermarkType,
        @JsonProperty("period") long period,
        @JsonProperty("totalStorageFee") String totalStorageFee) {

    /** Table 6: one file, data or sample. {@code dataUrl} is null until the file is stored. */
    public record DataFile(
            @JsonProperty("fragment_no") long fragmentNo,
            @JsonProperty("fileType") String fileType,
            @JsonProperty("dataUrl") String dataUrl,
            @JsonProperty("dataHash") String dataHash,
            @JsonProperty("dataSize") String dataSize,
            @JsonProperty("dataName") String dataName) {}

    public static DataShareView of(DatasetState state) {
        DataRegistrationStarted r = state.registration();
        DataShareProduct p = state.dataShare().product();
        Map<Long, FragmentPlan> plans = r.fragments().stream()
                .collect(Collectors.toMap(FragmentPlan::fragmentNo, Function.identity()));
        Map<Long, FragmentStorage> stored = state.stored().stream()
                .collect(Collectors.toMap(FragmentStorage::fragmentNo, Function.identity()));
        List<DataFile> data = p.dataFragments().stream().map(no -> file(no, p.fileType(),
                p.dataName() + (p.dataFragments().size() > 1 ? "." + no : ""), plans, stored, false)).toList();
        List<DataFile> samples = p.samples().stream().map(s -> file(s.fragmentNo(), s.sampleType(), s.sampleName(),
                plans, stored, true)).toList();
        DataFile firstSample = samples.isEmpty() ? null : samples.get(0);
        long dataBytes = p.dataFragments().stream().mapToLong(no -> plans.get(no).size()).sum();
        return new DataShareView(r.dataId(), DatasetAddress.of(r.dataId()), Did.of(r.provider()),
                p.providerName(), p.productName(), p.productId(),
                firstSample == null ? null : firstSample.dataUrl(), firstSample == null ? null : firstSample.dataSize(),
                firstSample == null ? null : firstSample.fileType(), firstSample == null ? null : firstSample.dataName(),
                p.fileType(), data.get(0).dataUrl(), r.dataHashOriginal(), Long.toString(dataBytes), p.dataName(),
                p.description(), Money.ofUnits(r.price()).format(), null, status(state),
                Long.toString(state.dataShare().publishedAt().getEpochSecond()), data, samples, p.category(),
                data.get(0).dataUrl(), p.policy(), p.watermarkType(), r.period(),
                Money.ofUnits(r.fee().totalStorageFee()).format());
    }

    /**
     * The product's status: {@code ready} while on sale, {@code closed} once closed; before and
     * after that, the dataset's own ({@code registering}, {@code removed}, {@code storage ended},
     * {@code registration failed}).
     */
    public static String status(DatasetState state) {
        if (state.dataShare().closedAt() != null) {
            return "closed";
        }
        return state.status() == DatasetStatus.ON_SALE ? "ready" : state.status().label();
    }

    private static DataFile file(long fragmentNo, String fileType, String name, Map<Long, FragmentPlan> plans,
            Map<Long, FragmentStorage> stored, boolean sample) {
        FragmentPlan plan = plans.get(fragmentNo);
        FragmentStorage storage = stored.get(fragmentNo);
        // a sample is stored as it is, so its hash is of the plain bytes; data is named by its plain hash too
        return new DataFile(fragmentNo, fileType, storage == null ? null : "ipfs://" + storage.cid(),
                sample && storage != null ? storage.hashEncrypted() : plan.hashOriginal(), Long.toString(plan.size()), name);
    }
}
