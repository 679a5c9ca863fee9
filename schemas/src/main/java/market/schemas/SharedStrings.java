package market.schemas;

import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * One instance for strings that recur across many decoded records: addresses, tags, the zero
 * address, data type names. Every decode makes new strings, so a million orders of one provider
 * would otherwise hold a million copies of its address (and a service holds its state twice, in
 * its processor and its projection). A direct-mapped table of recently seen values: a string
 * equal to the one in its slot is swapped for that one, any other takes the slot, so the table
 * stays small (16,384 slots). Its limit: a value seen once (a hash, a signature) also takes a slot
 * and evicts what was there, so sharing is best for values that recur within a few thousand
 * decodes of each other (a market's provider and dataset across its orders, the zero address,
 * the same event decoded by the processor and the projection side by side), and falls off when
 * many distinct recurring values interleave. Slots hold immutable strings, so threads may share
 * it without locks: a lost race costs one duplicate, nothing else.
 */
public final class SharedStrings {

    private static final int BITS = 14;
    private static final String[] TABLE = new String[1 << BITS];

    private SharedStrings() {}

    /** {@code value}, or an equal string seen before. */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        int slot = (value.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - BITS);
        String held = TABLE[slot];
        if (value.equals(held)) {
            return held;
        }
        TABLE[slot] = value;
        return value;
    }

    /** Swaps each string of {@code record}, in nested records and arrays too, for its shared instance. */
    static void shareIn(IndexedRecord record) {
        int fields = record.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            Object value = record.get(i);
            if (value instanceof String text) {
                record.put(i, of(text));
            } else if (value instanceof IndexedRecord nested) {
                shareIn(nested);
            } else if (value instanceof List<?> list) {
                shareIn(list);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void shareIn(List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            if (value instanceof String text) {
                try {
                    ((List<Object>) list).set(i, of(text));
                } catch (UnsupportedOperationException fixed) {
                    return; // a list the reader made unmodifiable keeps its own strings
                }
            } else if (value instanceof IndexedRecord nested) {
                shareIn(nested);
            }
        }
    }
}
