package market.schemas;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds a generic record with a plausible value in every field of any schema. */
final class SampleRecords {

    private SampleRecords() {}

    static GenericRecord of(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema()));
        }
        return record;
    }

    private static Object value(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> of(schema);
            case ARRAY -> List.of(value(schema.getElementType()));
            case UNION -> value(schema.getTypes().get(schema.getTypes().size() - 1));
            case STRING -> "x";
            case LONG -> 7L;
            case INT -> 3;
            case BOOLEAN -> true;
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case NULL -> null;
            default -> throw new IllegalArgumentException("no sample for " + schema);
        };
    }
}
