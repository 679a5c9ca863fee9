package market.keeper.directory.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.keeper.directory.domain.DirectoryCommand.FragmentToPlace;
import market.keeper.directory.domain.DirectoryEvent.Placement;
import market.keeper.directory.domain.DirectoryState.Cluster;

/**
 * Which cluster a new keeper joins when it asks for cluster 0, and where each fragment of a
 * registration goes. Both prefer the cluster with the most free room, then the lowest id.
 */
public final class ClusterChoice {

    /** A cluster holds at most five keepers: each stores every fragment placed on the cluster. */
    public static final int MAX_KEEPERS = 5;

    private static final Comparator<Cluster> MOST_FREE_THEN_LOWEST_ID =
            Comparator.comparingLong(Cluster::free).reversed().thenComparingLong(Cluster::clusterId);

    private ClusterChoice() {}

    /** Among clusters with fewer than five keepers, the one with the most free room, then the lowest id. */
    public static Optional<Cluster> forKeeper(DirectoryState state) {
        return state.clusters().values().stream().filter(c -> c.keepers().size() < MAX_KEEPERS)
                .min(MOST_FREE_THEN_LOWEST_ID);
    }

    /** Where each fragment goes, or why they cannot all be placed. */
    public record Outcome(List<Placement> placements, String refusal) {}

    /**
     * Places the fragments in order, each on the cluster it names, or (cluster 0) on the cluster
     * with the most room left after the fragments placed before it, then the lowest id.
     */
    public static Outcome forFragments(DirectoryState state, List<FragmentToPlace> fragments) {
        Map<Long, Long> reserved = new HashMap<>();
        List<Placement> placements = new ArrayList<>(fragments.size());
        for (FragmentToPlace fragment : fragments) {
            Optional<Cluster> chosen;
            if (fragment.idfsClusterId() == 0) {
                chosen = state.clusters().values().stream()
                        .filter(c -> left(c, reserved) >= fragment.size())
                        .min(Comparator.comparingLong((Cluster c) -> left(c, reserved)).reversed()
                                .thenComparingLong(Cluster::clusterId));
                if (chosen.isEmpty()) {
                    return refused("no cluster has room for fragment " + fragment.fragmentNo() + " ("
                            + fragment.size() + " bytes)");
                }
            } else {
                Cluster named = state.clusters().get(fragment.idfsClusterId());
                if (named == null) {
                    return refused("cluster " + fragment.idfsClusterId() + " does not exist");
                }
                if (left(named, reserved) < fragment.size()) {
                    return refused("cluster " + named.clusterId() + " has no room for fragment "
                            + fragment.fragmentNo() + " (" + fragment.size() + " bytes)");
                }
                chosen = Optional.of(named);
            }
            long clusterId = chosen.get().clusterId();
            reserved.merge(clusterId, fragment.size(), Math::addExact);
            placements.add(new Placement(fragment.fragmentNo(), fragment.size(), clusterId));
        }
        return new Outcome(placements, null);
    }

    private static long left(Cluster cluster, Map<Long, Long> reserved) {
        return cluster.free() - reserved.getOrDefault(cluster.clusterId(), 0L);
    }

    private static Outcome refused(String reason) {
        return new Outcome(List.of(), reason);
    }
}
