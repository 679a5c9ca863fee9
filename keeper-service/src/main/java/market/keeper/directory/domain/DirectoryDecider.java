package market.keeper.directory.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import market.keeper.directory.domain.DirectoryCommand.AddCluster;
import market.keeper.directory.domain.DirectoryCommand.AddKeeper;
import market.keeper.directory.domain.DirectoryCommand.PlaceFragments;
import market.keeper.directory.domain.DirectoryCommand.ReleasePlacement;
import market.keeper.directory.domain.DirectoryEvent.ClusterAdded;
import market.keeper.directory.domain.DirectoryEvent.FragmentsPlaced;
import market.keeper.directory.domain.DirectoryEvent.KeeperAdded;
import market.keeper.directory.domain.DirectoryEvent.Placement;
import market.keeper.directory.domain.DirectoryEvent.PlacementRejected;
import market.keeper.directory.domain.DirectoryEvent.PlacementReleased;
import market.keeper.directory.domain.DirectoryState.Cluster;
import market.keeper.directory.domain.DirectoryState.Keeper;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;

/**
 * Rules of the directory: a cluster key hash is SHA-256 hex and used once; a keeper per account,
 * with a positive capacity, a valid IP address and port, and a node address no other keeper uses;
 * a cluster holds at most five keepers, and cluster 0 picks one ({@link ClusterChoice}); a
 * cluster's capacity is the sum of its keepers', its usage what is placed on it. A registration's
 * fragments are placed all or none, once; a refusal is an event, so the registry can fail the
 * registration; a placement is released once, and a dataset released before its placement
 * arrived (a saga step can lag) is never placed afterwards.
 */
public final class DirectoryDecider implements Decider<DirectoryCommand, DirectoryEvent, DirectoryState> {

    @Override
    public DirectoryState initialState() {
        return DirectoryState.EMPTY;
    }

    @Override
    public Decision<DirectoryEvent> decide(DirectoryCommand command, DirectoryState state) {
        if (command instanceof AddCluster c) {
            return addCluster(c, state);
        }
        if (command instanceof AddKeeper c) {
            return addKeeper(c, state);
        }
        if (command instanceof PlaceFragments c) {
            return place(c, state);
        }
        ReleasePlacement c = (ReleasePlacement) command;
        if (state.settled().contains(c.dataId())) {
            return Decision.accept();
        }
        return Decision.accept(new PlacementReleased(c.dataId(), c.reason(), c.at()));
    }

    private static Decision<DirectoryEvent> addCluster(AddCluster c, DirectoryState state) {
        if (c.clusterKeyHash() == null || !c.clusterKeyHash().matches("[0-9a-fA-F]{64}")) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_CLUSTER_KEY_HASH",
                    "cluster_key_hash must be a SHA-256 digest: 64 hex digits"));
        }
        String hash = c.clusterKeyHash().toLowerCase(Locale.ROOT);
        Cluster existing = state.clusters().get(c.clusterId());
        if (existing != null) {
            return existing.idfsAccount().equals(c.idfsAccount()) && existing.clusterKeyHash().equals(hash)
                    ? Decision.accept()
                    : Decision.reject(Rejection.conflict("KEEPER.CLUSTER_EXISTS", "The cluster already exists"));
        }
        if (state.keyHashes().contains(hash)) {
            return Decision.reject(Rejection.conflict("KEEPER.CLUSTER_KEY_HASH_TAKEN",
                    "The cluster key hash is already registered"));
        }
        return Decision.accept(new ClusterAdded(c.clusterId(), c.idfsAccount(), hash, c.at()));
    }

    private static Decision<DirectoryEvent> addKeeper(AddKeeper c, DirectoryState state) {
        if (c.capacity() <= 0) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_CAPACITY", "capacity must be more than 0 bytes"));
        }
        if (!NodeAddress.isIp(c.ipaddr())) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_IPADDR", "ipaddr must be an IPv4 or IPv6 address"));
        }
        if (!NodeAddress.isPort(c.port())) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_PORT", "port must be 1 to 65535"));
        }
        if (c.clusterId() < 0) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_CLUSTER_ID", "cluster_id must be 0 or more"));
        }
        if (state.keepers().containsKey(c.idfsAccount())) {
            return Decision.reject(Rejection.conflict("KEEPER.KEEPER_EXISTS", "The keeper is already registered"));
        }
        boolean addressTaken = state.keepers().values().stream()
                .anyMatch(k -> k.ipaddr().equalsIgnoreCase(c.ipaddr()) && k.port() == c.port());
        if (addressTaken) {
            return Decision.reject(Rejection.conflict("KEEPER.NODE_ADDRESS_TAKEN",
                    "Another keeper already serves at " + c.ipaddr() + " port " + c.port()));
        }
        Optional<Cluster> cluster;
        if (c.clusterId() == 0) {
            cluster = ClusterChoice.forKeeper(state);
            if (cluster.isEmpty()) {
                return Decision.reject(Rejection.conflict("KEEPER.NO_CLUSTER_AVAILABLE",
                        "No cluster has room for another keeper"));
            }
        } else {
            cluster = Optional.ofNullable(state.clusters().get(c.clusterId()));
            if (cluster.isEmpty()) {
                return Decision.reject(Rejection.notFound("KEEPER.CLUSTER_NOT_FOUND", "The cluster does not exist"));
            }
            if (cluster.get().keepers().size() >= ClusterChoice.MAX_KEEPERS) {
                return Decision.reject(Rejection.conflict("KEEPER.CLUSTER_FULL",
                        "The cluster already has " + ClusterChoice.MAX_KEEPERS + " keepers"));
            }
        }
        if (c.capacity() > Long.MAX_VALUE - cluster.get().capacity()) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_CAPACITY", "the cluster's capacity would overflow"));
        }
        return Decision.accept(new KeeperAdded(c.idfsAccount(), cluster.get().clusterId(), c.capacity(),
                c.idfsPublicKey(), c.ipaddr(), c.port(), c.at()));
    }

    private static Decision<DirectoryEvent> place(PlaceFragments c, DirectoryState state) {
        if (state.placements().containsKey(c.dataId()) || state.settled().contains(c.dataId())) {
            return Decision.accept();
        }
        if (c.fragments().isEmpty() || c.fragments().stream().anyMatch(f -> f.size() <= 0 || f.idfsClusterId() < 0)) {
            return Decision.accept(new PlacementRejected(c.dataId(), c.provider(),
                    "fragments must each have a size above 0 and a cluster id of 0 or more", c.at()));
        }
        ClusterChoice.Outcome outcome = ClusterChoice.forFragments(state, c.fragments());
        if (outcome.refusal() != null) {
            return Decision.accept(new PlacementRejected(c.dataId(), c.provider(), outcome.refusal(), c.at()));
        }
        return Decision.accept(new FragmentsPlaced(c.dataId(), c.provider(), outcome.placements(), c.at()));
    }

    @Override
    public DirectoryState evolve(DirectoryState s, DirectoryEvent event) {
        if (event instanceof ClusterAdded e) {
            TreeMap<Long, Cluster> clusters = new TreeMap<>(s.clusters());
            clusters.put(e.clusterId(), new Cluster(e.clusterId(), e.idfsAccount(), e.clusterKeyHash(), List.of(), 0, 0,
                    e.at()));
            Set<String> hashes = new HashSet<>(s.keyHashes());
            hashes.add(e.clusterKeyHash());
            return new DirectoryState(clusters, s.keepers(), hashes, s.placements(), s.settled());
        }
        if (event instanceof KeeperAdded e) {
            TreeMap<Long, Cluster> clusters = new TreeMap<>(s.clusters());
            Cluster c = clusters.get(e.clusterId());
            List<String> members = new ArrayList<>(c.keepers());
            members.add(e.idfsAccount());
            clusters.put(c.clusterId(), new Cluster(c.clusterId(), c.idfsAccount(), c.clusterKeyHash(), members,
                    Math.addExact(c.capacity(), e.capacity()), c.usage(), c.since()));
            Map<String, Keeper> keepers = new HashMap<>(s.keepers());
            keepers.put(e.idfsAccount(), new Keeper(e.idfsAccount(), e.clusterId(), e.capacity(), e.idfsPublicKey(),
                    e.ipaddr(), e.port(), e.since()));
            return new DirectoryState(clusters, keepers, s.keyHashes(), s.placements(), s.settled());
        }
        if (event instanceof FragmentsPlaced e) {
            Map<Long, List<Placement>> placements = new HashMap<>(s.placements());
            placements.put(e.dataId(), e.placements());
            return new DirectoryState(usage(s.clusters(), e.placements(), 1), s.keepers(), s.keyHashes(), placements,
                    s.settled());
        }
        if (event instanceof PlacementRejected e) {
            return new DirectoryState(s.clusters(), s.keepers(), s.keyHashes(), s.placements(), with(s.settled(), e.dataId()));
        }
        PlacementReleased e = (PlacementReleased) event;
        Map<Long, List<Placement>> placements = new HashMap<>(s.placements());
        List<Placement> released = placements.remove(e.dataId());
        return new DirectoryState(usage(s.clusters(), released == null ? List.of() : released, -1), s.keepers(), s.keyHashes(), placements,
                with(s.settled(), e.dataId()));
    }

    /** The clusters with {@code sign} × each placement's size added to its cluster's usage. */
    private static TreeMap<Long, Cluster> usage(Map<Long, Cluster> clusters, List<Placement> placements, int sign) {
        TreeMap<Long, Cluster> updated = new TreeMap<>(clusters);
        for (Placement p : placements) {
            Cluster c = updated.get(p.clusterId());
            updated.put(c.clusterId(), new Cluster(c.clusterId(), c.idfsAccount(), c.clusterKeyHash(), c.keepers(),
                    c.capacity(), Math.addExact(c.usage(), sign * p.size()), c.since()));
        }
        return updated;
    }

    private static Set<Long> with(Set<Long> ids, long id) {
        Set<Long> copy = new HashSet<>(ids);
        copy.add(id);
        return copy;
    }
}
