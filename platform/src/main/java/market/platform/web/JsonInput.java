package market.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import market.platform.money.Money;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reading of a JSON request body: each field must be present with the right JSON type,
 * unknown and duplicate fields are refused, and every failure is a 400 naming the field.
 */
public final class JsonInput {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final JsonNode node;
    private final String path;

    private JsonInput(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a body that must be one JSON object with only the {@code allowed} fields. */
    public static JsonInput object(byte[] body, Set<String> allowed) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : STRICT.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("REQUEST.MALFORMED_JSON", "request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("REQUEST.MALFORMED_JSON", "request body must be a JSON object");
        }
        return new JsonInput(node, "").only(allowed);
    }

    private JsonInput only(Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("REQUEST.UNKNOWN_FIELD", "unknown field '" + path + name + "'");
            }
        }
        return this;
    }

    /** Whether the field is in the body at all, even as null. */
    public boolean present(String name) {
        return node.has(name);
    }

    public boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    /** The field's value as JSON text, whatever its type, for a reader of its own (such as a policy). */
    public String json(String name) {
        return required(name).toString();
    }

    /** A string field that may be absent or null, then {@code fallback}. */
    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    public String string(String name) {
        JsonNode value = required(name);
        if (!value.isString()) {
            throw invalid(name, "a string");
        }
        return value.stringValue();
    }

    public boolean bool(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw invalid(name, "true or false");
        }
        return value.booleanValue();
    }

    public long integer(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(name, "an integer");
        }
        return value.longValue();
    }

    /** An amount given as an asset string like {@code "2.0000 OSB"}, in units; its sign is the caller's rule. */
    public long amount(String name) {
        try {
            return Money.parse(string(name)).units();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(name, "an amount like \"2.0000 OSB\" (at most 4 decimals)");
        }
    }

    public List<String> strings(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw invalid(name, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                throw invalid(name, "an array of strings");
            }
            out.add(item.stringValue());
        }
        return out;
    }

    /** The objects of an array field, each limited to the {@code allowed} fields. */
    public List<JsonInput> objects(String name, Set<String> allowed) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw invalid(name, "an array of objects");
        }
        List<JsonInput> out = new ArrayList<>();
        int index = 0;
        for (JsonNode item : value.values()) {
            if (!item.isObject()) {
                throw invalid(name, "an array of objects");
            }
            out.add(new JsonInput(item, path + name + "[" + index++ + "].").only(allowed));
        }
        return out;
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("REQUEST.MISSING_FIELD", "missing field '" + path + name + "'");
        }
        return value;
    }

    private ApiException invalid(String name, String expected) {
        return ApiException.badRequest("REQUEST.INVALID_FIELD", "field '" + path + name + "' must be " + expected);
    }
}
