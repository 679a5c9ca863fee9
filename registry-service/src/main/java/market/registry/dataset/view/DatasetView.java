package market.registry.dataset.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import market.platform.money.Money;
import market.platform.ids.DatasetAddress;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetState;
import market.registry.dataset.domain.FragmentStorage;

/**
 * A dataset as the API shows it, with the contract's field names; amounts are asset strings,
 * times are epoch seconds. Fragment keys are never part of it.
 */
public record DatasetView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("address") String address,
        @JsonProperty("datatype_name") String datatypeName,
        @JsonProperty("provider") String provider,
        @JsonProperty("price") String price,
        @JsonProperty("status") int status,
        @JsonProperty("status_name") String statusName,
        @JsonProperty("fee_pending") boolean feePending,
        @JsonProperty("failure_reason") String failureReason,
        @JsonProperty("detail_fields") List<String> detailFields,
        @JsonProperty("period") long period,
        @JsonProperty("data_hash_original") String dataHashOriginal,
        @JsonProperty("size") long size,
        @JsonProperty("fragments") List<Fragment> fragments,
        @JsonProperty("dayStorageFee") String dayStorageFee,
        @JsonProperty("daySingleIDFSfee") String daySingleIDFSfee,
        @JsonProperty("totalStorageFee") String totalStorageFee,
        @JsonProperty("registered_at") long registeredAt,
        @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("removed_at") Long removedAt) {

    /** One fragment; {@code cid} and {@code hash_encrypted} are null until adddataend. */
    public record Fragment(
            @JsonProperty("fragment_no") long fragmentNo,
            @JsonProperty("size") long size,
            @JsonProperty("hash_original") String hashOriginal,
            @JsonProperty("hash_encrypted") String hashEncrypted,
            @JsonProperty("idfs_cluster_id") long idfsClusterId,
            @JsonProperty("cid") String cid) {}

    public static DatasetView of(DatasetState state) {
        DataRegistrationStarted r = state.registration();
        Map<Long, FragmentStorage> stored = state.stored().stream()
                .collect(Collectors.toMap(FragmentStorage::fragmentNo, Function.identity()));
        List<Fragment> fragments = r.fragments().stream().map(f -> {
            FragmentStorage s = stored.get(f.fragmentNo());
            return new Fragment(f.fragmentNo(), f.size(), f.hashOriginal(), s == null ? null : s.hashEncrypted(),
                    state.clusters().getOrDefault(f.fragmentNo(), f.idfsClusterId()), s == null ? null : s.cid());
        }).toList();
        return new DatasetView(r.dataId(), DatasetAddress.of(r.dataId()), r.datatypeName(), r.provider(),
                Money.ofUnits(r.price()).format(), state.status().code(), state.status().label(), state.feePending(),
                state.failureReason(), r.detailFields(), r.period(), r.dataHashOriginal(), r.size(), fragments,
                Money.ofUnits(r.fee().dayStorageFee()).format(), Money.ofUnits(r.fee().daySingleIDFSfee()).format(),
                Money.ofUnits(r.fee().totalStorageFee()).format(),
                r.at().getEpochSecond(), state.completedAt() == null ? null : state.completedAt().getEpochSecond(),
                state.removedAt() == null ? null : state.removedAt().getEpochSecond());
    }
}
