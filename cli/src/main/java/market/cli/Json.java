package market.cli;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the CLI sends and shows. Request bodies are built as trees and serialized once, so
 * the signed bytes are the sent bytes. Shown JSON is pretty-printed, and any plain fragment key
 * ({@code encrypt_key} holding 64 hex digits) is masked, so a key never reaches a terminal.
 */
final class Json {

    static final String HIDDEN = "(hidden)";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern PLAIN_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** The parsed document, or null when {@code bytes} is not JSON. */
    /** JSON given on the command line; a {@link CliException} that says so when it is not. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            throw new CliException("not JSON: " + e.getOriginalMessage());
        }
    }

    static JsonNode parseOrNull(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            return null;
        }
    }

    static String pretty(JsonNode node) {
        JsonNode shown = node.deepCopy();
        maskKeys(shown);
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(shown);
    }

    private static void maskKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (name.equals("encrypt_key") && value.isString() && PLAIN_KEY.matcher(value.stringValue()).matches()) {
                    object.put(name, HIDDEN);
                } else {
                    maskKeys(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(Json::maskKeys);
        }
    }
}
