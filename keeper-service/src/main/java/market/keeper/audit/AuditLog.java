package market.keeper.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import market.keeper.storage.domain.StorageEvent;
import market.platform.runtime.ProjectionListener;
import org.springframework.stereotype.Component;

/**
 * The recent audit outcomes, by keeper and by dataset, from keeper-service's projection of
 * {@code keeper.events}: what a keeper reads to see what failed and why. Keeps the last
 * {@link #KEPT} of each; the events topic keeps them all.
 */
@Component
public class AuditLog implements ProjectionListener {

    static final int KEPT = 500;

    /** One outcome: a passed or failed audit, or a replica made faulty. */
    public record Entry(
            @JsonProperty("data_id") long dataId,
            @JsonProperty("fragment_no") long fragmentNo,
            @JsonProperty("idfs_account") String idfsAccount,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("day") Long day,
            @JsonProperty("range_from") Long rangeFrom,
            @JsonProperty("range_to") Long rangeTo,
            @JsonProperty("chunk") Long chunk,
            @JsonProperty("reason") String reason,
            @JsonProperty("timestamp") long timestamp) {}

    private final Map<String, Deque<Entry>> byKeeper = new ConcurrentHashMap<>();
    private final Map<Long, Deque<Entry>> byData = new ConcurrentHashMap<>();

    @Override
    public void onEvent(String key, Object event, int partition, long offset) {
        Entry entry;
        if (event instanceof StorageEvent.AuditPassed e) {
            entry = new Entry(e.dataId(), e.fragmentNo(), e.idfsAccount(), "passed", e.day(), e.rangeFrom(),
                    e.rangeTo(), e.chunk(), null, e.at().getEpochSecond());
        } else if (event instanceof StorageEvent.AuditFailed e) {
            entry = new Entry(e.dataId(), e.fragmentNo(), e.idfsAccount(), "failed", e.day(), e.rangeFrom(),
                    e.rangeTo(), e.chunk(), e.reason(), e.at().getEpochSecond());
        } else if (event instanceof StorageEvent.ReplicaFaulty e) {
            entry = new Entry(e.dataId(), e.fragmentNo(), e.idfsAccount(), "faulty", null, null, null, null,
                    e.failedDays() + " failed days in a row; " + e.replicasLeft() + " replicas left",
                    e.at().getEpochSecond());
        } else {
            return;
        }
        add(byKeeper.computeIfAbsent(entry.idfsAccount(), k -> new ArrayDeque<>()), entry);
        add(byData.computeIfAbsent(entry.dataId(), k -> new ArrayDeque<>()), entry);
    }

    private static void add(Deque<Entry> entries, Entry entry) {
        synchronized (entries) {
            entries.addLast(entry);
            if (entries.size() > KEPT) {
                entries.removeFirst();
            }
        }
    }

    public List<Entry> ofKeeper(String account) {
        return copy(byKeeper.get(account));
    }

    public List<Entry> ofData(long dataId) {
        return copy(byData.get(dataId));
    }

    private static List<Entry> copy(Deque<Entry> entries) {
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
