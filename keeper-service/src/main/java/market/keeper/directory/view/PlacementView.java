package market.keeper.directory.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import market.keeper.directory.domain.DirectoryEvent.Placement;

/** Where a dataset's fragments are stored: one entry per fragment, with its cluster and size. */
public record PlacementView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("fragments") List<FragmentPlace> fragments) {

    public record FragmentPlace(
            @JsonProperty("fragment_no") long fragmentNo,
            @JsonProperty("size") long size,
            @JsonProperty("idfs_cluster_id") long idfsClusterId) {}

    public static PlacementView of(long dataId, List<Placement> placements) {
        return new PlacementView(dataId, placements.stream()
                .map(p -> new FragmentPlace(p.fragmentNo(), p.size(), p.clusterId())).toList());
    }
}
