package market.platform.runtime;

import java.util.List;
import market.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the runtime needs to know about one service: its topics, its aggregates, and how
 * its Avro records translate to domain commands and events.
 */
public record ServiceModel(String service, Topic commands, Topic events, Topic replies, Topic commandsDeadLetter,
        Topic eventsDeadLetter, List<AggregateType<?, ?, ?>> aggregates, CommandTranslator commandTranslator,
        EventTranslator eventTranslator) {

    /** Avro command to domain command; may consult reference data, may throw {@code RejectedException}. */
    public interface CommandTranslator {
        Object toDomain(SpecificRecord command, ReferenceData references);
    }

    /** Domain events to and from their Avro records. */
    public interface EventTranslator {
        Object toDomain(SpecificRecord event);

        SpecificRecord toAvro(Object event);
    }

    public AggregateType<?, ?, ?> aggregateForCommand(Object command) {
        return aggregates.stream().filter(type -> type.handlesCommand(command)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregate handles " + command.getClass()));
    }

    public AggregateType<?, ?, ?> aggregateForEvent(Object event) {
        return aggregates.stream().filter(type -> type.handlesEvent(event)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregate handles " + event.getClass()));
    }
}
