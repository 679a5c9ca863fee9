package market.keeper.wire;

import market.keeper.command.AddCluster;
import market.keeper.command.AddKeeper;
import market.keeper.command.PlaceFragments;
import market.keeper.command.ReleasePlacement;
import market.keeper.directory.domain.DirectoryCommand;
import market.keeper.directory.domain.DirectoryEvent;
import market.keeper.event.ClusterAdded;
import market.keeper.event.FragmentPlacement;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.KeeperAdded;
import market.keeper.event.PlacementRejected;
import market.keeper.event.PlacementReleased;
import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import org.apache.avro.specific.SpecificRecord;

/** keeper-service's Avro commands and events to and from their domain records. */
public final class KeeperWire implements ServiceModel.CommandTranslator, ServiceModel.EventTranslator {

    @Override
    public Object toDomain(SpecificRecord command, ReferenceData references) {
        if (command instanceof AddCluster c) {
            return new DirectoryCommand.AddCluster(c.getActor(), c.getClusterId(), c.getClusterKeyHash(),
                    c.getIssuedAt());
        }
        if (command instanceof AddKeeper c) {
            return new DirectoryCommand.AddKeeper(c.getActor(), c.getCapacity(), c.getClusterId(),
                    c.getIdfsPublicKey(), c.getIpaddr(), c.getPort(), c.getIssuedAt());
        }
        if (command instanceof PlaceFragments c) {
            return new DirectoryCommand.PlaceFragments(c.getDataId(), c.getProvider(), c.getFragments().stream()
                    .map(f -> new DirectoryCommand.FragmentToPlace(f.getFragmentNo(), f.getSize(),
                            f.getIdfsClusterId())).toList(), c.getIssuedAt());
        }
        if (command instanceof ReleasePlacement c) {
            return new DirectoryCommand.ReleasePlacement(c.getDataId(), c.getReason(), c.getIssuedAt());
        }
        throw new IllegalArgumentException("not a keeper command: " + command.getSchema().getFullName());
    }

    @Override
    public Object toDomain(SpecificRecord event) {
        if (event instanceof ClusterAdded e) {
            return new DirectoryEvent.ClusterAdded(e.getClusterId(), e.getIdfsAccount(), e.getClusterKeyHash(),
                    e.getTimestamp());
        }
        if (event instanceof KeeperAdded e) {
            return new DirectoryEvent.KeeperAdded(e.getIdfsAccount(), e.getClusterId(), e.getCapacity(),
                    e.getIdfsPublicKey(), e.getIpaddr(), e.getPort(), e.getSince());
        }
        if (event instanceof FragmentsPlaced e) {
            return new DirectoryEvent.FragmentsPlaced(e.getDataId(), e.getProvider(), e.getPlacements().stream()
                    .map(p -> new DirectoryEvent.Placement(p.getFragmentNo(), p.getSize(), p.getIdfsClusterId()))
                    .toList(), e.getTimestamp());
        }
        if (event instanceof PlacementRejected e) {
            return new DirectoryEvent.PlacementRejected(e.getDataId(), e.getProvider(), e.getReason(),
                    e.getTimestamp());
        }
        if (event instanceof PlacementReleased e) {
            return new DirectoryEvent.PlacementReleased(e.getDataId(), e.getReason(), e.getTimestamp());
        }
        throw new IllegalArgumentException("not a keeper event: " + event.getSchema().getFullName());
    }

    @Override
    public SpecificRecord toAvro(Object event) {
        if (event instanceof DirectoryEvent.ClusterAdded e) {
            return new ClusterAdded(e.clusterId(), e.idfsAccount(), e.clusterKeyHash(), e.at());
        }
        if (event instanceof DirectoryEvent.KeeperAdded e) {
            return new KeeperAdded(e.idfsAccount(), e.clusterId(), e.capacity(), e.idfsPublicKey(), e.ipaddr(),
                    e.port(), e.since());
        }
        if (event instanceof DirectoryEvent.FragmentsPlaced e) {
            return new FragmentsPlaced(e.dataId(), e.provider(), e.placements().stream()
                    .map(p -> new FragmentPlacement(p.fragmentNo(), p.size(), p.clusterId())).toList(), e.at());
        }
        if (event instanceof DirectoryEvent.PlacementRejected e) {
            return new PlacementRejected(e.dataId(), e.provider(), e.reason(), e.at());
        }
        if (event instanceof DirectoryEvent.PlacementReleased e) {
            return new PlacementReleased(e.dataId(), e.reason(), e.at());
        }
        throw new IllegalArgumentException("not a keeper event: " + event.getClass().getName());
    }
}
