package market.explorer.feed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import market.platform.money.Money;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event as the live feed shows it: its topic, type and time, and its short fields (ids,
 * accounts, amounts, statuses, reasons). Nothing that names a key goes in: no sealed key, public
 * key, key hash, signature or salt, even though events hold only sealed keys.
 */
public record FeedItem(long seq, String topic, String type, String time, Map<String, String> fields) {

    private static final Pattern HIDDEN = Pattern.compile("(?i)key|sealed|sign|salt");
    private static final Set<String> AMOUNTS = Set.of("amount", "price", "max_price", "storage_fee", "totalStorageFee",
            "dayStorageFee", "daySingleIDFSfee", "reward_total", "quantity");
    private static final int LONGEST = 80;

    /** The feed's view of {@code event}, read from {@code topic}. */
    public static FeedItem of(long seq, String topic, SpecificRecord event) {
        Map<String, String> fields = new LinkedHashMap<>();
        String time = null;
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if (value instanceof Instant instant) {
                time = time == null ? instant.toString() : time;
            } else if (!HIDDEN.matcher(field.name()).find()) {
                String shown = shown(field.name(), value);
                if (shown != null) {
                    fields.put(field.name(), shown);
                }
            }
        }
        return new FeedItem(seq, topic, event.getSchema().getName(), time, fields);
    }

    private static String shown(String name, Object value) {
        if (value instanceof Long amount && AMOUNTS.contains(name)) {
            return Money.ofUnits(amount).format();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof CharSequence text && text.length() <= LONGEST) {
            return text.toString();
        }
        return null;
    }
}
