package market.keeper.storage.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import market.keeper.directory.domain.DirectoryState;
import market.keeper.storage.domain.StorageState;

/**
 * A dataset's storage as the API shows it: its term (null until it is on sale), each fragment's
 * cluster, declared CID and encrypted size, whether it is stored, and the keepers that hold a
 * replica, with their nodes' addresses. {@code uploader} is who may upload the fragments besides
 * the provider (the registry, for a DataShare plainData publish), or null.
 */
public record StorageView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("provider") String provider,
        @JsonProperty("uploader") String uploader,
        @JsonProperty("open") boolean open,
        @JsonProperty("term") Term term,
        @JsonProperty("fragments") List<FragmentView> fragments) {

    /** The storage term once the data is on sale: storage days {@code start_day} to {@code end_day - 1}. */
    public record Term(
            @JsonProperty("period") long period,
            @JsonProperty("daySingleIDFSfee") String daySingleIDFSfee,
            @JsonProperty("start_day") long startDay,
            @JsonProperty("end_day") long endDay,
            @JsonProperty("ended") boolean ended) {}

    public record FragmentView(
            @JsonProperty("fragment_no") long fragmentNo,
            @JsonProperty("size") long size,
            @JsonProperty("idfs_cluster_id") long idfsClusterId,
            @JsonProperty("cid") String cid,
            @JsonProperty("size_encrypted") long sizeEncrypted,
            @JsonProperty("stored") boolean stored,
            @JsonProperty("replicas") List<Replica> replicas) {}

    /** A keeper that holds a replica: where its node serves, when its receipt came, its failed audit days in a row. */
    public record Replica(
            @JsonProperty("idfs_account") String idfsAccount,
            @JsonProperty("ipaddr") String ipaddr,
            @JsonProperty("port") int port,
            @JsonProperty("stored_at") long storedAt,
            @JsonProperty("failed_days") int failedDays) {}

    public static StorageView of(long dataId, StorageState state, Map<String, DirectoryState.Keeper> keepers) {
        StorageState.Term t = state.term();
        Term term = t == null ? null : new Term(t.period(), RewardView.osb(t.dayFee()), t.startDay(), t.endDay(),
                state.ended());
        return new StorageView(dataId, state.provider(), state.uploader(), state.open(), term, state.fragments().values().stream()
                .map(f -> new FragmentView(f.fragmentNo(), f.size(), f.clusterId(), f.cid(), f.sizeEncrypted(),
                        f.stored(), replicas(f, keepers)))
                .toList());
    }

    static List<Replica> replicas(StorageState.Fragment fragment, Map<String, DirectoryState.Keeper> keepers) {
        return fragment.replicas().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, StorageState.Replica> e) -> e.getValue().storedAt())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> {
                    DirectoryState.Keeper k = keepers.get(e.getKey());
                    return new Replica(e.getKey(), k == null ? null : k.ipaddr(), k == null ? 0 : k.port(),
                            e.getValue().storedAt().getEpochSecond(), e.getValue().failedDays());
                })
                .toList();
    }
}
