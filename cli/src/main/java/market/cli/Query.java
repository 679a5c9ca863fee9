package market.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The query string of a read such as {@code market data list}: {@code name=value} pairs in the
 * order added, each value encoded with {@link ServiceClient#encode}; an absent (null) value adds
 * nothing.
 */
final class Query {

    private final List<String> pairs = new ArrayList<>();

    Query add(String name, Object value) {
        if (value != null) {
            pairs.add(name + "=" + ServiceClient.encode(value.toString()));
        }
        return this;
    }

    /** {@code path}, followed by {@code ?} and the pairs when there are any. */
    String after(String path) {
        return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
    }
}
