package market.platform.crypto.abe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import market.platform.crypto.abe.AccessPolicy.Comparable;
import market.platform.crypto.abe.AccessPolicy.Op;
import market.platform.crypto.abe.AccessPolicy.Plain;
import market.platform.crypto.abe.AccessPolicy.Threshold;
import org.junit.jupiter.api.Test;

class AccessPolicyJsonTest {

    /** The policy of the contract's example request, as that request sends it: a JSON string. */
    static final String SEED_POLICY = "{\"threshold\" : 1,\"children\" : [{\"name\" : \"att1\", \"type\" : \"plain\",\"value\" : \"hello\"}, "
            + "{\"name\" : \"policy\", \"type\" : \"policy\",\"value\" : {\"Threshold\" : 1,\"Children\" : [{\"name\" : \"att3\", \"type\" :\"comparable\", "
            + "\"value\" : {\"op\" : \">\", \"value\" : \"16\", \"maxValue\" : \"10000\"}}]}}]}";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheContractsExamplePolicySentAsAString() {
        AccessPolicy policy = AccessPolicyJson.read(TextNode.valueOf(SEED_POLICY));

        assertThat(policy).isEqualTo(new Threshold(1, List.of(
                new Plain("att1", "hello"),
                new Threshold(1, List.of(new Comparable("att3", Op.GREATER, 16, 10000))))));
    }

    @Test
    void writesThePolicyInTheContractsSpellingAndReadsItBack() throws Exception {
        AccessPolicy policy = AccessPolicyJson.read(SEED_POLICY);
        String written = AccessPolicyJson.write(policy).toString();

        assertThat(JSON.readTree(written).has("Threshold")).isTrue();
        assertThat(JSON.readTree(written).path("Children").get(1).path("value").path("Children").get(0)
                .path("value").path("maxValue").asText()).isEqualTo("10000");
        assertThat(AccessPolicyJson.read(written)).isEqualTo(policy);
    }

    @Test
    void acceptsIntegersAsNumbers() {
        assertThat(AccessPolicyJson.read("{\"Threshold\":1,\"Children\":[{\"name\":\"age\",\"type\":\"comparable\","
                + "\"value\":{\"op\":\"<\",\"value\":0,\"maxValue\":120}}]}"))
                .isEqualTo(new Threshold(1, List.of(new Comparable("age", Op.LESS, 0, 120))));
    }

    @Test
    void refusesAThresholdOfZero() {
        assertRefused("{\"Threshold\":0,\"Children\":[" + plain("a", "x") + "]}", "policy.Threshold is 0; it must be at least 1");
    }

    @Test
    void refusesAThresholdAboveItsChildren() {
        assertRefused("{\"Threshold\":1,\"Children\":[{\"name\":\"policy\",\"type\":\"policy\",\"value\":"
                + "{\"Threshold\":3,\"Children\":[" + plain("a", "x") + "," + plain("b", "y") + "]}}]}",
                "policy.Children[0].value.Threshold 3 is above its 2 children");
    }

    @Test
    void refusesAComparableValueAboveMaxValue() {
        assertRefused(comparable(">", "\"10001\"", "\"10000\""), "policy.Children[0].value.value 10001 is above maxValue 10000");
    }

    @Test
    void refusesANonIntegerComparable() {
        assertRefused(comparable(">", "\"16.5\"", "\"100\""), "policy.Children[0].value.value '16.5' is not an integer");
        assertRefused(comparable(">", "\"sixteen\"", "\"100\""), "policy.Children[0].value.value 'sixteen' is not an integer");
        assertRefused(comparable(">", "16.5", "\"100\""), "policy.Children[0].value.value '16.5' is not an integer");
        assertRefused(comparable(">", "\"16\"", "\"99999999999999999999\""), "policy.Children[0].value.maxValue '99999999999999999999' is not an integer");
    }

    @Test
    void refusesANegativeComparable() {
        assertRefused(comparable("<", "\"-1\"", "\"100\""), "policy.Children[0].value: value and maxValue must not be negative");
    }

    @Test
    void refusesAComparableWithoutMaxValueOrWithAnUnknownOperator() {
        assertRefused("{\"Threshold\":1,\"Children\":[{\"name\":\"n\",\"type\":\"comparable\",\"value\":{\"op\":\">\",\"value\":\"1\"}}]}",
                "policy.Children[0].value.maxValue is missing");
        assertRefused(comparable(">=", "\"1\"", "\"10\""), "policy.Children[0].value.op '>=' is not >, < or =");
        assertRefused("{\"Threshold\":1,\"Children\":[{\"name\":\"n\",\"type\":\"comparable\",\"value\":{\"value\":\"1\",\"maxValue\":\"9\"}}]}",
                "policy.Children[0].value.op is missing");
    }

    @Test
    void refusesUnknownTypesBadNamesAndMissingChildren() {
        assertRefused("{\"Threshold\":1,\"Children\":[{\"name\":\"a\",\"type\":\"regex\",\"value\":\"x\"}]}",
                "policy.Children[0].type 'regex' is not plain, comparable or policy");
        assertRefused("{\"Threshold\":1,\"Children\":[" + plain("a b", "x") + "]}",
                "policy.Children[0].name: attribute name 'a b' is not 1 to 64 letters, digits, '_', '.' or '-'");
        assertRefused("{\"Threshold\":1,\"Children\":[]}", "policy.Children must be a non-empty array");
        assertRefused("{\"Threshold\":1}", "policy.Children must be a non-empty array");
        assertRefused("{\"Children\":[" + plain("a", "x") + "]}", "policy.Threshold is missing");
        assertRefused("{\"Threshold\":1,\"Children\":[" + plain("a", "") + "]}", "policy.Children[0].value: a plain attribute needs a non-empty value");
        assertRefused("[1,2]", "policy must be an object with Threshold and Children");
    }

    @Test
    void refusesAStringThatIsNotJsonAndDeepNesting() {
        assertThatThrownBy(() -> AccessPolicyJson.read(TextNode.valueOf("{not json")))
                .isInstanceOf(AbeException.class).hasMessage("policy is a string that is not JSON");
        String deep = plain("a", "x");
        for (int i = 0; i < AccessPolicyJson.MAX_DEPTH + 1; i++) {
            deep = "{\"name\":\"policy\",\"type\":\"policy\",\"value\":{\"Threshold\":1,\"Children\":[" + deep + "]}}";
        }
        String policy = "{\"Threshold\":1,\"Children\":[" + deep + "]}";
        assertThatThrownBy(() -> AccessPolicyJson.read(policy))
                .isInstanceOf(AbeException.class).hasMessageContaining("nests deeper than " + AccessPolicyJson.MAX_DEPTH);
    }

    @Test
    void refusesTrailingTextBothSpellingsAndDuplicateKeys() {
        assertThatThrownBy(() -> AccessPolicyJson.read("{\"Threshold\":1,\"Children\":[" + plain("a", "x") + "]} trailing"))
                .isInstanceOf(AbeException.class).hasMessage("policy is not JSON");
        assertRefused("{\"Threshold\":1,\"threshold\":2,\"Children\":[" + plain("a", "x") + "]}",
                "policy has both Threshold and threshold");
        assertThatThrownBy(() -> AccessPolicyJson.read("{\"Threshold\":1,\"Threshold\":1,\"Children\":[" + plain("a", "x") + "]}"))
                .isInstanceOf(AbeException.class).hasMessage("policy is not JSON");
        assertThatThrownBy(() -> AccessPolicyJson.read((String) null)).isInstanceOf(AbeException.class).hasMessage("policy is missing");
    }

    @Test
    void refusesPlainValuesThatAreNotStringsAndSubPoliciesWithoutAName() {
        assertRefused("{\"Threshold\":1,\"Children\":[{\"name\":\"a\",\"type\":\"plain\",\"value\":1}]}",
                "policy.Children[0].value must be a string for a plain attribute");
        assertRefused("{\"Threshold\":1,\"Children\":[{\"type\":\"policy\",\"value\":{\"Threshold\":1,\"Children\":["
                + plain("a", "x") + "]}}]}", "policy.Children[0].name is missing");
        assertRefused("{\"Threshold\":1,\"Children\":[" + plain("a", "\\ud800") + "]}",
                "policy.Children[0].value: a plain value is not well-formed Unicode");
        assertRefused(comparable(">", "\" 16\"", "\"100\""), "policy.Children[0].value.value ' 16' is not an integer");
    }

    @Test
    void policiesBuiltInCodeAreCheckedToo() {
        assertThatThrownBy(() -> new Comparable("n", Op.GREATER, 300, 10))
                .isInstanceOf(AbeException.class).hasMessage("value 300 is above maxValue 10");
        assertThatThrownBy(() -> new Comparable("n", Op.GREATER, 0, -1))
                .isInstanceOf(AbeException.class).hasMessage("value and maxValue must not be negative");
        assertThatThrownBy(() -> new Plain("a=b", "c")).isInstanceOf(AbeException.class)
                .hasMessage("attribute name 'a=b' is not 1 to 64 letters, digits, '_', '.' or '-'");
        assertThatThrownBy(() -> new Plain("x", "\ud800")).isInstanceOf(AbeException.class)
                .hasMessage("a plain value is not well-formed Unicode");
        assertThatThrownBy(() -> new Threshold(3, List.of(new Plain("a", "x"))))
                .isInstanceOf(AbeException.class).hasMessage("a threshold of 3 is not between 1 and its 1 children");
        assertThatThrownBy(() -> new AbeAttributes(new java.util.TreeMap<>(java.util.Map.of("x", java.util.Set.of("\ud800"))), new java.util.TreeMap<>()))
                .isInstanceOf(AbeException.class).hasMessage("a plain value is not well-formed Unicode");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String nested = plain("a", "x");
        for (int i = 0; i < AccessPolicyJson.MAX_DEPTH - 1; i++) {
            nested = "{\"name\":\"policy\",\"type\":\"policy\",\"value\":{\"Threshold\":1,\"Children\":[" + nested + "]}}";
        }
        assertThat(AccessPolicyJson.read("{\"Threshold\":1,\"Children\":[" + nested + "]}")).isInstanceOf(Threshold.class);
    }

    private static String plain(String name, String value) {
        return "{\"name\":\"" + name + "\",\"type\":\"plain\",\"value\":\"" + value + "\"}";
    }

    private static String comparable(String op, String value, String max) {
        return "{\"Threshold\":1,\"Children\":[{\"name\":\"n\",\"type\":\"comparable\",\"value\":{\"op\":\"" + op
                + "\",\"value\":" + value + ",\"maxValue\":" + max + "}}]}";
    }

    private static void assertRefused(String policy, String message) {
        assertThatThrownBy(() -> AccessPolicyJson.read(policy)).isInstanceOf(AbeException.class).hasMessage(message);
    }
}
