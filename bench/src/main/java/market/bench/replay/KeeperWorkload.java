package market.bench.replay;

import java.util.List;
import market.keeper.storage.domain.StorageCommand.FragmentSlot;
import market.keeper.storage.domain.StorageDecider;
import market.keeper.storage.domain.StorageEvent.RewardEarned;
import market.keeper.storage.domain.StorageEvent.RewardOpened;
import market.keeper.storage.domain.StorageEvent.StorageOpened;
import market.keeper.wire.KeeperWire;
import market.platform.runtime.ServiceModel;
import market.schemas.Topics;

/**
 * keeper.events: storage records and their keepers' rewards. In the first stage each dataset's
 * storage opens with one fragment on cluster 1, then each of the cluster's five keepers gets a
 * reward for its replica (six events, five rewards); later events are audit days earned, one
 * reward after the other, as the daily audits write them.
 */
final class KeeperWorkload implements Workload {

    private static final int KEEPERS = 5;
    private static final String PROVIDER = Workload.address(0x9a, 1);
    private final long firstStage;
    private final long datasets;

    KeeperWorkload(long firstStage) {
        this.firstStage = firstStage;
        this.datasets = Math.max(1, firstStage / (KEEPERS + 1));
    }

    @Override
    public ServiceModel model() {
        KeeperWire wire = new KeeperWire();
        return new ServiceModel(Topics.KEEPER, Topics.KEEPER_COMMANDS, Topics.KEEPER_EVENTS, Topics.KEEPER_REPLIES,
                Topics.KEEPER_COMMANDS_DLT, Topics.KEEPER_EVENTS_DLT, List.of(), wire, wire);
    }

    @Override
    public String entity() {
        return "keeper reward";
    }

    @Override
    public long entities(long events) {
        long opened = Math.min(events, datasets * (KEEPERS + 1));
        return opened / (KEEPERS + 1) * KEEPERS + Math.max(0, opened % (KEEPERS + 1) - 1);
    }

    @Override
    public String laterEntity() {
        return "audit day earned";
    }

    @Override
    public long laterEntities(long events) {
        // the few audit days that round the first stage up are not counted: it measures the rewards
        return Math.max(0, events - firstStage);
    }

    @Override
    public String key(long i) {
        return Long.toString(dataId(i));
    }

    @Override
    public Object event(long i) {
        long opening = datasets * (KEEPERS + 1);
        if (i < opening) {
            long dataId = i / (KEEPERS + 1) + 1;
            int slot = (int) (i % (KEEPERS + 1));
            if (slot == 0) {
                return new StorageOpened(dataId, PROVIDER, List.of(new FragmentSlot(1, 100_000, 1)), Workload.at(i));
            }
            String keeper = keeper(slot - 1);
            return new RewardOpened(StorageDecider.rewardId(dataId, 1, keeper), dataId, 1, 1, keeper, 30 * 10L,
                    Workload.at(i));
        }
        long earned = i - opening;
        long reward = earned % (datasets * KEEPERS);
        long dataId = reward / KEEPERS + 1;
        String keeper = keeper((int) (reward % KEEPERS));
        long day = earned / (datasets * KEEPERS) + 1;
        return new RewardEarned(StorageDecider.rewardId(dataId, 1, keeper), dataId, 1, keeper, day, day,
                Workload.at(i));
    }

    private long dataId(long i) {
        long opening = datasets * (KEEPERS + 1);
        return i < opening ? i / (KEEPERS + 1) + 1 : (i - opening) % (datasets * KEEPERS) / KEEPERS + 1;
    }

    private static String keeper(int n) {
        return Workload.address(0x4ee, n);
    }
}
