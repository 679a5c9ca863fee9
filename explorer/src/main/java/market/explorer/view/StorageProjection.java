package market.explorer.view;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.keeper.event.AuditFailed;
import market.keeper.event.AuditPassed;
import market.keeper.event.ClaimPaid;
import market.keeper.event.ClusterAdded;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.KeeperAdded;
import market.keeper.event.PlacementReleased;
import market.keeper.event.ReplicaFaulty;
import market.keeper.event.ReplicaStored;
import market.platform.money.Money;
import org.apache.avro.specific.SpecificRecord;

/**
 * Clusters and keepers, as {@code keeper.events} tell them: each cluster's capacity (the sum of
 * its keepers') and usage (the fragments placed on it and not released), and each keeper's
 * replicas, audits passed and failed, faulty replicas and rewards paid.
 */
public final class StorageProjection {

    private final Map<Long, Cluster> clusters = new TreeMap<>();
    private final Map<String, Keeper> keepers = new HashMap<>();
    /** Per data_id: bytes placed on each cluster, freed when the placement is released. */
    private final Map<Long, Map<Long, Long>> placements = new HashMap<>();

    /** Applies one of keeper-service's events; others are not storage's. */
    public void apply(SpecificRecord event) {
        if (event instanceof ClusterAdded e) {
            cluster(e.getClusterId()).owner = e.getIdfsAccount();
        } else if (event instanceof KeeperAdded e) {
            Keeper k = keeper(e.getIdfsAccount());
            k.clusterId = e.getClusterId();
            k.capacity = e.getCapacity();
            k.node = e.getIpaddr() + ":" + e.getPort();
            Cluster c = cluster(e.getClusterId());
            c.capacity += e.getCapacity();
            c.keepers++;
        } else if (event instanceof FragmentsPlaced e) {
            Map<Long, Long> placed = new HashMap<>();
            e.getPlacements().forEach(p -> placed.merge(p.getIdfsClusterId(), p.getSize(), Long::sum));
            placements.put(e.getDataId(), placed);
            placed.forEach((cluster, bytes) -> cluster(cluster).used += bytes);
        } else if (event instanceof PlacementReleased e) {
            Map<Long, Long> placed = placements.remove(e.getDataId());
            if (placed != null) {
                placed.forEach((cluster, bytes) -> cluster(cluster).used -= bytes);
            }
        } else if (event instanceof ReplicaStored e) {
            keeper(e.getIdfsAccount()).replicas++;
        } else if (event instanceof AuditPassed e) {
            keeper(e.getIdfsAccount()).auditsPassed++;
        } else if (event instanceof AuditFailed e) {
            keeper(e.getIdfsAccount()).auditsFailed++;
        } else if (event instanceof ReplicaFaulty e) {
            keeper(e.getIdfsAccount()).faulty++;
        } else if (event instanceof ClaimPaid e) {
            keeper(e.getIdfsAccount()).rewardsPaid += e.getQuantity();
        }
    }

    private Cluster cluster(long id) {
        return clusters.computeIfAbsent(id, Cluster::new);
    }

    private Keeper keeper(String account) {
        return keepers.computeIfAbsent(account, Keeper::new);
    }

    public List<ClusterView> clusters() {
        return clusters.values().stream().map(c -> new ClusterView(Long.toString(c.id), c.owner, c.keepers, c.capacity,
                c.used)).toList();
    }

    /** Keepers by cluster, then account. */
    public List<KeeperView> keepers() {
        return keepers.values().stream()
                .sorted(Comparator.comparingLong((Keeper k) -> k.clusterId).thenComparing(k -> k.account))
                .map(k -> new KeeperView(k.account, Long.toString(k.clusterId), k.node, k.capacity, k.replicas,
                        k.auditsPassed, k.auditsFailed, k.faulty, Money.ofUnits(k.rewardsPaid).format()))
                .toList();
    }

    private static final class Cluster {
        final long id;
        String owner;
        int keepers;
        long capacity;
        long used;

        Cluster(long id) {
            this.id = id;
        }
    }

    private static final class Keeper {
        final String account;
        long clusterId;
        String node;
        long capacity;
        long replicas;
        long auditsPassed;
        long auditsFailed;
        long faulty;
        long rewardsPaid;

        Keeper(String account) {
            this.account = account;
        }
    }

    public record ClusterView(String clusterId, String owner, int keepers, long capacity, long used) {}

    public record KeeperView(String account, String clusterId, String node, long capacity, long replicas,
            long auditsPassed, long auditsFailed, long faultyReplicas, String rewardsPaid) {}
}
