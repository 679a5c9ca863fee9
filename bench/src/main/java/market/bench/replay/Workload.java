package market.bench.replay;

import java.time.Instant;
import java.util.List;
import market.platform.runtime.ServiceModel;

/**
 * The events a bulk generator writes for one service's replay measurement: event {@code i} of a
 * deterministic stream, so a longer run appends to a shorter one (1M, then 10M on the same
 * topic). The first {@code firstStage} events create the entities whose live heap is measured
 * (orders, datasets, accounts, keeper rewards); later ones go on as the service's life would
 * (deals, more registrations, more deposits, audit days earned). Events are domain events, put to
 * Avro by the service's own translator, so a replay folds them as it folds what the service wrote.
 */
interface Workload {

    Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    /** The service's topics and its own event translator (no aggregates: nothing is decided here). */
    ServiceModel model();

    default String service() {
        return model().service();
    }

    /** The entity counted in {@link #entities}: "order", "dataset", "account", "keeper reward". */
    String entity();

    /** What {@link #laterEntity} counts in the events after the first stage ("deal"), or null. */
    default String laterEntity() {
        return null;
    }

    /** How many entities the first {@code events} events create. */
    long entities(long events);

    /** How many later entities (see {@link #laterEntity}) the first {@code events} events create. */
    default long laterEntities(long events) {
        return 0;
    }

    /** The aggregate key of event {@code i} (the Kafka key, which picks its partition). */
    String key(long i);

    /** Event {@code i} of the stream, a domain event of the service. */
    Object event(long i);

    /** Extra {@code --options} the service needs to start. */
    default List<String> serviceOptions() {
        return List.of();
    }

    static Instant at(long i) {
        return AT.plusMillis(i);
    }

    static String address(long tag, long n) {
        return String.format("0x%08x%032x", tag, n);
    }

    static String hash(long tag, long n) {
        return String.format("0x%08x%056x", tag, n);
    }

    static List<Workload> all(long firstStage) {
        return List.of(new RegistryWorkload(firstStage), new SettlementWorkload(firstStage),
                new OrderWorkload(firstStage), new KeeperWorkload(firstStage));
    }
}
