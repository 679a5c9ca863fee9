package market.bench.replay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import market.platform.content.Cid;
import market.platform.crypto.Hashes;
import market.platform.runtime.ServiceModel;
import market.registry.datatype.domain.DataTypeEvent.DataTypeAdded;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetEvent.FragmentStorageConfirmed;
import market.registry.dataset.domain.DatasetEvent.PlacementRecorded;
import market.registry.dataset.domain.FragmentPlan;
import market.registry.dataset.domain.StorageFee;
import market.registry.wire.RegistryEvents;
import market.schemas.Topics;

/**
 * registry.events: one data type, then datasets. In the first stage each event after the data
 * type starts the registration of a dataset of one fragment ({@code adddatabegin}); later events
 * register more datasets through three steps each: started, its fragment placed on a cluster, the
 * fragment confirmed stored with its CID.
 */
final class RegistryWorkload implements Workload {

    private static final String TYPE = "bench";
    private static final String PROVIDER = Workload.address(0x9a, 1);
    private static final long SIZE = 100_000;
    private static final String CID = Cid.of(Cid.RAW, "bench".getBytes(StandardCharsets.UTF_8)).toString();
    private final long firstStage;

    RegistryWorkload(long firstStage) {
        this.firstStage = firstStage;
    }

    @Override
    public ServiceModel model() {
        return new ServiceModel(Topics.REGISTRY, Topics.REGISTRY_COMMANDS, Topics.REGISTRY_EVENTS,
                Topics.REGISTRY_REPLIES, Topics.REGISTRY_COMMANDS_DLT, Topics.REGISTRY_EVENTS_DLT, List.of(), null,
                new RegistryEvents());
    }

    @Override
    public String entity() {
        return "dataset";
    }

    @Override
    public long entities(long events) {
        long first = Math.max(0, Math.min(events, firstStage) - 1);
        return first + (Math.max(0, events - firstStage) + 2) / 3;
    }

    @Override
    public String key(long i) {
        return i == 0 ? TYPE : Long.toString(dataId(i));
    }

    @Override
    public Object event(long i) {
        if (i == 0) {
            return new DataTypeAdded(1, TYPE, PROVIDER, 1, List.of("field"), Workload.at(i));
        }
        long dataId = dataId(i);
        long step = i < firstStage ? 0 : (i - firstStage) % 3;
        if (step == 0) {
            return new DataRegistrationStarted(dataId, TYPE, PROVIDER, 100, List.of("value-" + dataId), 30,
                    Hashes.sha256Hex(Hashes.utf8("data-" + dataId)), SIZE,
                    List.of(new FragmentPlan(1, SIZE, Hashes.sha256Hex(Hashes.utf8("fragment-" + dataId)),
                            0)),
                    StorageFee.of(SIZE, 30, 1), Workload.at(i));
        }
        if (step == 1) {
            return new PlacementRecorded(dataId, Map.of(1L, 1L), Workload.at(i));
        }
        return new FragmentStorageConfirmed(dataId, 1, CID, 3, Workload.at(i));
    }

    private long dataId(long i) {
        return i < firstStage ? i : firstStage + (i - firstStage) / 3;
    }
}
