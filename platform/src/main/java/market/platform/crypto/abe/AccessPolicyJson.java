package market.platform.crypto.abe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import market.platform.crypto.abe.AccessPolicy.Comparable;
import market.platform.crypto.abe.AccessPolicy.Op;
import market.platform.crypto.abe.AccessPolicy.Plain;
import market.platform.crypto.abe.AccessPolicy.Threshold;

/**
 * Reads and writes the BCS DataShare policy JSON (Table 2 to 4 of the contract):
 * {@code {"Threshold": 1, "Children": [{"name", "type": plain|comparable|policy, "value"}]}}.
 * The contract's own example spells the top-level keys {@code threshold} and {@code children}
 * and sends the policy as a JSON string; both are read. Every problem is an {@link AbeException}
 * that names its place, such as {@code policy.Children[1].value.maxValue}.
 */
public final class AccessPolicyJson {

    public static final int MAX_DEPTH = 16;
    public static final int MAX_NODES = 256;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AccessPolicyJson() {}

    /** Reads a policy given as a JSON object or as a string that holds one. */
    public static AccessPolicy read(JsonNode json) {
        if (json != null && json.isTextual()) {
            try {
                json = JSON.readTree(json.asText());
            } catch (JsonProcessingException e) {
                throw new AbeException("policy is a string that is not JSON");
            }
        }
        return threshold(json, "policy", new int[1], 0);
    }

    public static AccessPolicy read(String json) {
        if (json == null) {
            throw new AbeException("policy is missing");
        }
        try {
            return read(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new AbeException("policy is not JSON");
        }
    }

    /** The policy in the contract's spelling, with integers as strings. */
    public static ObjectNode write(AccessPolicy policy) {
        if (!(policy instanceof Threshold t)) {
            throw new IllegalArgumentException("a policy's root is a threshold gate");
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("Threshold", t.threshold());
        ArrayNode children = node.putArray("Children");
        for (AccessPolicy child : t.children()) {
            ObjectNode c = children.addObject();
            if (child instanceof Threshold) {
                c.put("name", "policy").put("type", "policy").set("value", write(child));
            } else if (child instanceof Plain p) {
                c.put("name", p.name()).put("type", "plain").put("value", p.value());
            } else {
                Comparable cmp = (Comparable) child;
                c.put("name", cmp.name()).put("type", "comparable").putObject("value")
                        .put("op", cmp.op().symbol())
                        .put("value", Long.toString(cmp.value()))
                        .put("maxValue", Long.toString(cmp.maxValue()));
            }
        }
        return node;
    }

    private static Threshold threshold(JsonNode json, String path, int[] nodes, int depth) {
        if (json == null || !json.isObject()) {
            throw new AbeException(path + " must be an object with Threshold and Children");
        }
        if (depth >= MAX_DEPTH) {
            throw new AbeException(path + " nests deeper than " + MAX_DEPTH + " policies");
        }
        JsonNode children = either(json, "Children", "children", path);
        if (children == null || !children.isArray() || children.isEmpty()) {
            throw new AbeException(path + ".Children must be a non-empty array");
        }
        long threshold = integer(either(json, "Threshold", "threshold", path), path + ".Threshold");
        if (threshold < 1) {
            throw new AbeException(path + ".Threshold is " + threshold + "; it must be at least 1");
        }
        if (threshold > children.size()) {
            throw new AbeException(path + ".Threshold " + threshold + " is above its " + children.size() + " children");
        }
        List<AccessPolicy> read = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (++nodes[0] > MAX_NODES) {
                throw new AbeException("policy has more than " + MAX_NODES + " children in all");
            }
            read.add(child(children.get(i), path + ".Children[" + i + "]", nodes, depth));
        }
        return new Threshold((int) threshold, read);
    }

    private static AccessPolicy child(JsonNode json, String path, int[] nodes, int depth) {
        if (json == null || !json.isObject()) {
            throw new AbeException(path + " must be an object with name, type and value");
        }
        String type = text(json.get("type"), path + ".type");
        JsonNode value = json.get("value");
        String name = text(json.get("name"), path + ".name");
        if (type.equals("policy")) {
            return threshold(value, path + ".value", nodes, depth + 1);
        }
        String nameProblem = AttributeNames.nameProblem(name);
        if (nameProblem != null) {
            throw new AbeException(path + ".name: " + nameProblem);
        }
        if (type.equals("plain")) {
            if (value == null || !value.isTextual()) {
                throw new AbeException(path + ".value must be a string for a plain attribute");
            }
            String problem = AttributeNames.plainValueProblem(value.asText());
            if (problem != null) {
                throw new AbeException(path + ".value: " + problem);
            }
            return new Plain(name, value.asText());
        }
        if (type.equals("comparable")) {
            return comparable(name, value, path + ".value");
        }
        throw new AbeException(path + ".type '" + type + "' is not plain, comparable or policy");
    }

    private static Comparable comparable(String name, JsonNode value, String path) {
        if (value == null || !value.isObject()) {
            throw new AbeException(path + " must be an object with op, value and maxValue");
        }
        String symbol = text(value.get("op"), path + ".op");
        Op op = Op.of(symbol);
        if (op == null) {
            throw new AbeException(path + ".op '" + symbol + "' is not >, < or =");
        }
        long compared = integer(value.get("value"), path + ".value");
        long max = integer(value.get("maxValue"), path + ".maxValue");
        if (compared < 0 || max < 0) {
            throw new AbeException(path + ": value and maxValue must not be negative");
        }
        if (compared > max) {
            throw new AbeException(path + ".value " + compared + " is above maxValue " + max);
        }
        return new Comparable(name, op, compared, max);
    }

    private static JsonNode either(JsonNode json, String key, String lowerKey, String path) {
        JsonNode found = json.get(key);
        JsonNode lower = json.get(lowerKey);
        if (found != null && lower != null) {
            throw new AbeException(path + " has both " + key + " and " + lowerKey);
        }
        return found != null ? found : lower;
    }

    private static String text(JsonNode json, String path) {
        if (json == null || json.isNull()) {
            throw new AbeException(path + " is missing");
        }
        if (!json.isTextual()) {
            throw new AbeException(path + " must be a string");
        }
        return json.asText();
    }

    /** An integer given as a JSON integer or as a string of digits, as the contract's examples send it. */
    static long integer(JsonNode json, String path) {
        if (json == null || json.isNull()) {
            throw new AbeException(path + " is missing");
        }
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return json.asLong();
        }
        String text = json.isTextual() ? json.asText() : json.toString();
        try {
            if (json.isTextual() && text.matches("-?[0-9]{1,19}")) {
                return Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below: out of the range of a long
        }
        String shown = text.length() > 24 ? text.substring(0, 24) + "…" : text;
        throw new AbeException(path + " '" + shown + "' is not an integer");
    }
}
