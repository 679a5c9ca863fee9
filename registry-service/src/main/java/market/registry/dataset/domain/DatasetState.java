package market.registry.dataset.domain;

import java.time.Instant;
import java.util.List;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;

/**
 * A dataset as its events made it: absent, or its registration with the current status, the
 * stored fragments once completed, and when it was completed and removed.
 */
public record DatasetState(DataRegistrationStarted registration, DatasetStatus status,
        List<FragmentStorage> stored, Instant completedAt, Instant removedAt) {

    public static final DatasetState NONE = new DatasetState(null, null, List.of(), null, null);

    public boolean exists() {
        return registration != null;
    }
}
