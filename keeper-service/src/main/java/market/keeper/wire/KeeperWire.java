package market.keeper.wire;

import java.time.Duration;
import java.util.List;
import market.keeper.KeeperAggregates;
import market.keeper.command.AddCluster;
import market.keeper.command.AddKeeper;
import market.keeper.command.ClaimReward;
import market.keeper.command.CloseStorage;
import market.keeper.command.DeclareFragments;
import market.keeper.command.EndStorage;
import market.keeper.command.OpenStorage;
import market.keeper.command.PlaceFragments;
import market.keeper.command.RecordAudit;
import market.keeper.command.RecordReplica;
import market.keeper.command.ReleasePlacement;
import market.keeper.command.SettleClaim;
import market.keeper.command.StartStorageTerm;
import market.keeper.directory.domain.DirectoryCommand;
import market.keeper.directory.domain.DirectoryEvent;
import market.keeper.directory.domain.DirectoryState;
import market.keeper.event.AuditFailed;
import market.keeper.event.AuditPassed;
import market.keeper.event.ClaimPaid;
import market.keeper.event.ClaimRejected;
import market.keeper.event.ClaimedReward;
import market.keeper.event.ClusterAdded;
import market.keeper.event.DeclaredFragment;
import market.keeper.event.FragmentPlacement;
import market.keeper.event.FragmentStored;
import market.keeper.event.FragmentsDeclared;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.KeeperAdded;
import market.keeper.event.OpenedFragment;
import market.keeper.event.PlacementRejected;
import market.keeper.event.PlacementReleased;
import market.keeper.event.ReplicaFaulty;
import market.keeper.event.ReplicaStored;
import market.keeper.event.RewardClaimed;
import market.keeper.event.RewardEarned;
import market.keeper.event.RewardOpened;
import market.keeper.event.StorageClosed;
import market.keeper.event.StorageEnded;
import market.keeper.event.StorageOpened;
import market.keeper.event.StorageTermStarted;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageEvent;
import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import org.apache.avro.specific.SpecificRecord;

/**
 * keeper-service's Avro commands and events to and from their domain records. A receipt's
 * keeper is looked up in the directory here, so the storage decider sees the keeper's cluster.
 */
public final class KeeperWire implements ServiceModel.CommandTranslator, ServiceModel.EventTranslator {

    private static final Duration REFERENCE_WAIT = Duration.ofSeconds(5);

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
        if (command instanceof OpenStorage c) {
            return new StorageCommand.OpenStorage(c.getDataId(), c.getProvider(), c.getPlacements().stream()
                    .map(p -> new StorageCommand.FragmentSlot(p.getFragmentNo(), p.getSize(), p.getIdfsClusterId()))
                    .toList(), c.getIssuedAt());
        }
        if (command instanceof CloseStorage c) {
            return new StorageCommand.CloseStorage(c.getDataId(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof DeclareFragments c) {
            return new StorageCommand.DeclareFragments(c.getActor(), c.getDataId(), c.getFragments().stream()
                    .map(f -> new StorageCommand.Declaration(f.getFragmentNo(), f.getCid(), f.getSizeEncrypted()))
                    .toList(), c.getUploader(), c.getIssuedAt());
        }
        if (command instanceof RecordAudit c) {
            return new StorageCommand.RecordAudit(c.getDataId(), c.getFragmentNo(), c.getIdfsAccount(), c.getDay(),
                    c.getPassed(), c.getRangeFrom(), c.getRangeTo(), c.getChunk(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof StartStorageTerm c) {
            return new StorageCommand.StartStorageTerm(c.getDataId(), c.getPeriod(), c.getDaySingleIDFSfee(),
                    c.getStartDay(), c.getIssuedAt());
        }
        if (command instanceof ClaimReward c) {
            return new StorageCommand.ClaimReward(c.getActor(), c.getDataId(), c.getClaimId(), c.getStoragePeriod(),
                    c.getIssuedAt());
        }
        if (command instanceof SettleClaim c) {
            return new StorageCommand.SettleClaim(c.getDataId(), c.getClaimId(), c.getPaid(), c.getReason(),
                    c.getIssuedAt());
        }
        if (command instanceof EndStorage c) {
            return new StorageCommand.EndStorage(c.getDataId(), c.getDay(), c.getIssuedAt());
        }
        if (command instanceof RecordReplica c) {
            DirectoryState directory = references.state(KeeperAggregates.DIRECTORY_TYPE, KeeperAggregates.DIRECTORY,
                    d -> d.keepers().containsKey(c.getActor()), REFERENCE_WAIT);
            DirectoryState.Keeper keeper = directory.keepers().get(c.getActor());
            return new StorageCommand.RecordReplica(c.getActor(), keeper == null ? -1 : keeper.clusterId(),
                    c.getDataId(), c.getFragmentNo(), c.getCid(), c.getIssuedAt());
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
        if (event instanceof StorageOpened e) {
            return new StorageEvent.StorageOpened(e.getDataId(), e.getProvider(), e.getPlacements().stream()
                    .map(p -> new StorageCommand.FragmentSlot(p.getFragmentNo(), p.getSize(), p.getIdfsClusterId()))
                    .toList(), e.getTimestamp());
        }
        if (event instanceof StorageClosed e) {
            return new StorageEvent.StorageClosed(e.getDataId(), e.getReason(), e.getTimestamp());
        }
        if (event instanceof FragmentsDeclared e) {
            return new StorageEvent.FragmentsDeclared(e.getDataId(), e.getProvider(), e.getFragments().stream()
                    .map(f -> new StorageCommand.Declaration(f.getFragmentNo(), f.getCid(), f.getSizeEncrypted()))
                    .toList(), e.getUploader(), e.getTimestamp());
        }
        if (event instanceof ReplicaStored e) {
            return new StorageEvent.ReplicaStored(e.getDataId(), e.getFragmentNo(), e.getCid(), e.getIdfsAccount(),
                    e.getClusterId(), e.getTimestamp());
        }
        if (event instanceof FragmentStored e) {
            return new StorageEvent.FragmentStored(e.getDataId(), e.getFragmentNo(), e.getCid(), e.getReplicas(),
                    e.getTimestamp());
        }
        if (event instanceof AuditPassed e) {
            return new StorageEvent.AuditPassed(e.getDataId(), e.getFragmentNo(), e.getIdfsAccount(), e.getDay(),
                    e.getRangeFrom(), e.getRangeTo(), e.getChunk(), e.getTimestamp());
        }
        if (event instanceof AuditFailed e) {
            return new StorageEvent.AuditFailed(e.getDataId(), e.getFragmentNo(), e.getIdfsAccount(), e.getDay(),
                    e.getRangeFrom(), e.getRangeTo(), e.getChunk(), e.getReason(), e.getTimestamp());
        }
        if (event instanceof ReplicaFaulty e) {
            return new StorageEvent.ReplicaFaulty(e.getDataId(), e.getFragmentNo(), e.getIdfsAccount(),
                    e.getFailedDays(), e.getReplicasLeft(), e.getTimestamp());
        }
        return rewardToDomain(event);
    }

    private static Object rewardToDomain(SpecificRecord event) {
        if (event instanceof StorageTermStarted e) {
            return new StorageEvent.StorageTermStarted(e.getDataId(), e.getPeriod(), e.getDaySingleIDFSfee(),
                    e.getStartDay(), e.getEndDay(), e.getTimestamp());
        }
        if (event instanceof RewardOpened e) {
            return new StorageEvent.RewardOpened(e.getRewardId(), e.getDataId(), e.getFragmentNo(), e.getClusterId(),
                    e.getIdfsAccount(), e.getRewardTotal(), e.getTimestamp());
        }
        if (event instanceof RewardEarned e) {
            return new StorageEvent.RewardEarned(e.getRewardId(), e.getDataId(), e.getFragmentNo(), e.getIdfsAccount(),
                    e.getDay(), e.getEarnedDays(), e.getTimestamp());
        }
        if (event instanceof RewardClaimed e) {
            return new StorageEvent.RewardClaimed(e.getClaimId(), e.getDataId(), e.getIdfsAccount(),
                    e.getStoragePeriod(), e.getQuantity(), e.getItems().stream()
                            .map(i -> new StorageEvent.ClaimItem(i.getRewardId(), i.getFragmentNo(), i.getQuantity()))
                            .toList(), e.getTimestamp());
        }
        if (event instanceof ClaimPaid e) {
            return new StorageEvent.ClaimPaid(e.getClaimId(), e.getDataId(), e.getIdfsAccount(), e.getQuantity(),
                    e.getTimestamp());
        }
        if (event instanceof ClaimRejected e) {
            return new StorageEvent.ClaimRejected(e.getClaimId(), e.getDataId(), e.getIdfsAccount(), e.getQuantity(),
                    e.getReason(), e.getTimestamp());
        }
        if (event instanceof StorageEnded e) {
            return new StorageEvent.StorageEnded(e.getDataId(), e.getDay(), e.getTimestamp());
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
        return storageToAvro(event);
    }

    private static SpecificRecord storageToAvro(Object event) {
        if (event instanceof StorageEvent.StorageOpened e) {
            List<OpenedFragment> fragments = e.fragments().stream()
                    .map(f -> new OpenedFragment(f.fragmentNo(), f.size(), f.clusterId())).toList();
            return new StorageOpened(e.dataId(), e.provider(), fragments, e.at());
        }
        if (event instanceof StorageEvent.StorageClosed e) {
            return new StorageClosed(e.dataId(), e.reason(), e.at());
        }
        if (event instanceof StorageEvent.FragmentsDeclared e) {
            List<DeclaredFragment> fragments = e.fragments().stream()
                    .map(f -> new DeclaredFragment(f.fragmentNo(), f.cid(), f.sizeEncrypted())).toList();
            return new FragmentsDeclared(e.dataId(), e.provider(), fragments, e.at(), e.uploader());
        }
        if (event instanceof StorageEvent.ReplicaStored e) {
            return new ReplicaStored(e.dataId(), e.fragmentNo(), e.cid(), e.idfsAccount(), e.clusterId(), e.at());
        }
        if (event instanceof StorageEvent.FragmentStored e) {
            return new FragmentStored(e.dataId(), e.fragmentNo(), e.cid(), e.replicas(), e.at());
        }
        if (event instanceof StorageEvent.AuditPassed e) {
            return new AuditPassed(e.dataId(), e.fragmentNo(), e.idfsAccount(), e.day(), e.rangeFrom(), e.rangeTo(),
                    e.chunk(), null, e.at());
        }
        if (event instanceof StorageEvent.AuditFailed e) {
            return new AuditFailed(e.dataId(), e.fragmentNo(), e.idfsAccount(), e.day(), e.rangeFrom(), e.rangeTo(),
                    e.chunk(), e.reason(), e.at());
        }
        if (event instanceof StorageEvent.ReplicaFaulty e) {
            return new ReplicaFaulty(e.dataId(), e.fragmentNo(), e.idfsAccount(), e.failedDays(), e.replicasLeft(),
                    e.at());
        }
        return rewardToAvro(event);
    }

    private static SpecificRecord rewardToAvro(Object event) {
        if (event instanceof StorageEvent.StorageTermStarted e) {
            return new StorageTermStarted(e.dataId(), e.period(), e.dayFee(), e.startDay(), e.endDay(), e.at());
        }
        if (event instanceof StorageEvent.RewardOpened e) {
            return new RewardOpened(e.rewardId(), e.dataId(), e.fragmentNo(), e.clusterId(), e.idfsAccount(),
                    e.rewardTotal(), e.at());
        }
        if (event instanceof StorageEvent.RewardEarned e) {
            return new RewardEarned(e.rewardId(), e.dataId(), e.fragmentNo(), e.idfsAccount(), e.day(), e.earnedDays(),
                    e.at());
        }
        if (event instanceof StorageEvent.RewardClaimed e) {
            return new RewardClaimed(e.claimId(), e.dataId(), e.idfsAccount(), e.storagePeriod(), e.quantity(),
                    e.items().stream().map(i -> new ClaimedReward(i.rewardId(), i.fragmentNo(), i.quantity())).toList(),
                    e.at());
        }
        if (event instanceof StorageEvent.ClaimPaid e) {
            return new ClaimPaid(e.claimId(), e.dataId(), e.idfsAccount(), e.quantity(), e.at());
        }
        if (event instanceof StorageEvent.ClaimRejected e) {
            return new ClaimRejected(e.claimId(), e.dataId(), e.idfsAccount(), e.quantity(), e.reason(), e.at());
        }
        if (event instanceof StorageEvent.StorageEnded e) {
            return new StorageEnded(e.dataId(), e.day(), e.at());
        }
        throw new IllegalArgumentException("not a keeper event: " + event.getClass().getName());
    }
}
