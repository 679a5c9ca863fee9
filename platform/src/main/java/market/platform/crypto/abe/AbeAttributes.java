package market.platform.crypto.abe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The attributes an ABE user key is issued for: plain {@code name=value} pairs (a name may have
 * several values) and comparable {@code name} integers. JSON: an array of
 * {@code {"name", "type": "plain"|"comparable", "value"}}, the children of a policy without
 * operators. {@link #components()} expands them into the {@link AttributeNames attribute
 * strings} a key holds a component for: one per plain pair, and {@value AttributeNames#VALUE_BITS}
 * bits plus {@value AttributeNames#RANGE_POWERS} ranges per comparable value.
 */
public record AbeAttributes(SortedMap<String, Set<String>> plain, SortedMap<String, Long> comparable) {

    public static final int MAX_ATTRIBUTES = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    public AbeAttributes {
        TreeMap<String, Set<String>> plainCopy = new TreeMap<>();
        plain.forEach((name, values) -> plainCopy.put(name, Set.copyOf(new TreeSet<>(values))));
        plain = java.util.Collections.unmodifiableSortedMap(plainCopy);
        comparable = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(comparable));
        int count = comparable.size();
        for (Set<String> values : plain.values()) {
            count += values.size();
        }
        if (count == 0) {
            throw new AbeException("attributes: at least one attribute is needed");
        }
        if (count > MAX_ATTRIBUTES) {
            throw new AbeException("attributes: at most " + MAX_ATTRIBUTES + " attributes, not " + count);
        }
        plain.forEach((name, values) -> {
            AttributeNames.checkName(name);
            values.forEach(AttributeNames::checkPlainValue);
        });
        for (String name : comparable.keySet()) {
            AttributeNames.checkName(name);
            if (plain.containsKey(name)) {
                throw new AbeException("attributes: '" + name + "' is both plain and comparable");
            }
            if (comparable.get(name) < 0) {
                throw new AbeException("attributes: comparable '" + name + "' must not be negative");
            }
        }
    }

    /** The attributes of a JSON text, as {@link #read(JsonNode)} reads them; an {@link AbeException} if it is not JSON. */
    public static AbeAttributes read(String json) {
        if (json == null) {
            throw new AbeException("attributes are missing");
        }
        try {
            return read(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AbeException("attributes are not JSON");
        }
    }

    public static AbeAttributes read(JsonNode json) {
        if (json == null || !json.isArray()) {
            throw new AbeException("attributes must be an array of {name, type, value}");
        }
        Map<String, Set<String>> plain = new TreeMap<>();
        Map<String, Long> comparable = new TreeMap<>();
        for (int i = 0; i < json.size(); i++) {
            String path = "attributes[" + i + "]";
            JsonNode entry = json.get(i);
            if (!entry.isObject()) {
                throw new AbeException(path + " must be an object with name, type and value");
            }
            JsonNode nameNode = entry.get("name");
            String name = nameNode != null && nameNode.isTextual() ? nameNode.asText() : null;
            String problem = AttributeNames.nameProblem(name);
            if (problem != null) {
                throw new AbeException(path + ".name: " + problem);
            }
            String type = entry.path("type").asText("");
            JsonNode value = entry.get("value");
            if (type.equals("plain")) {
                if (value == null || !value.isTextual()) {
                    throw new AbeException(path + ".value must be a string for a plain attribute");
                }
                String text = value.asText();
                String valueProblem = AttributeNames.plainValueProblem(text);
                if (valueProblem != null) {
                    throw new AbeException(path + ".value: " + valueProblem);
                }
                plain.computeIfAbsent(name, n -> new TreeSet<>()).add(text);
            } else if (type.equals("comparable")) {
                if (comparable.put(name, AccessPolicyJson.integer(value, path + ".value")) != null) {
                    throw new AbeException(path + ": comparable '" + name + "' is given twice");
                }
            } else {
                throw new AbeException(path + ".type '" + type + "' is not plain or comparable");
            }
        }
        return new AbeAttributes(new TreeMap<>(plain), new TreeMap<>(comparable));
    }

    public ArrayNode write() {
        ArrayNode out = JSON.createArrayNode();
        plain.forEach((name, values) -> values.stream().sorted()
                .forEach(v -> out.addObject().put("name", name).put("type", "plain").put("value", v)));
        comparable.forEach((name, v) -> out.addObject().put("name", name).put("type", "comparable")
                .put("value", Long.toString(v)));
        return out;
    }

    /** The attribute strings a key for these attributes holds a component for. */
    public Set<String> components() {
        Set<String> components = new LinkedHashSet<>();
        plain.forEach((name, values) -> values.forEach(v -> components.add(AttributeNames.plain(name, v))));
        comparable.forEach((name, v) -> {
            for (int bit = 0; bit < AttributeNames.VALUE_BITS; bit++) {
                components.add(AttributeNames.bit(name, bit, (v >>> bit & 1) == 1));
            }
            for (int power = 0; power < AttributeNames.RANGE_POWERS; power++) {
                boolean below = power == 63 || v < 1L << power;
                components.add(below ? AttributeNames.below(name, power) : AttributeNames.atLeast(name, power));
            }
        });
        return components;
    }
}
