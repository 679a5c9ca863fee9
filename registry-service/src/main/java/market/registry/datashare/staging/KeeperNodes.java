package market.registry.datashare.staging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import market.keeper.event.FragmentsDeclared;
import market.keeper.event.KeeperAdded;
import market.platform.content.GatewayClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * The keeper nodes of each cluster, as keeper-service's {@code KeeperAdded} events announce them:
 * where the registry uploads the fragments it staged; and the data whose fragments keeper-service
 * declared with an uploader ({@code FragmentsDeclared}), which nodes then take from that uploader.
 * Folded from {@code keeper.events} by a {@link market.platform.runtime.TopicFollower}.
 */
public final class KeeperNodes {

    private final Map<Long, List<String>> byCluster = new ConcurrentHashMap<>();
    private final Set<Long> declaredForUpload = ConcurrentHashMap.newKeySet();

    public void apply(SpecificRecord event) {
        if (event instanceof KeeperAdded added) {
            String url = GatewayClient.nodeUrl(added.getIpaddr(), added.getPort());
            List<String> nodes = byCluster.computeIfAbsent(added.getClusterId(), id -> new CopyOnWriteArrayList<>());
            if (!nodes.contains(url)) {
                nodes.add(url);
            }
        } else if (event instanceof FragmentsDeclared declared && declared.getUploader() != null) {
            declaredForUpload.add(declared.getDataId());
        }
    }

    /** Whether keeper-service declared the fragments of {@code dataId} with an uploader besides the provider. */
    public boolean declaredForUpload(long dataId) {
        return declaredForUpload.contains(dataId);
    }

    /** The base URLs of the nodes of {@code clusterId}, in the order they joined. */
    public List<String> of(long clusterId) {
        return List.copyOf(byCluster.getOrDefault(clusterId, List.of()));
    }
}
