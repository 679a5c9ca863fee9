package market.schemas;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic: its name, what its key holds, the record types its values may be, and the
 * service that is its only writer. Values are single-object encoded ({@link SingleObjectCodec});
 * dead-letter topics carry the failed record's original bytes.
 */
public record Topic(String name, String writer, String key, List<Class<? extends SpecificRecord>> valueTypes) {

    public boolean carries(Class<? extends SpecificRecord> type) {
        return valueTypes.contains(type);
    }
}
