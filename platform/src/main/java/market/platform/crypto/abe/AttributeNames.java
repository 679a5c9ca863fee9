package market.platform.crypto.abe;

import java.util.regex.Pattern;

/**
 * The attribute strings that keys and ciphertexts carry, one encoding for both sides, so a
 * policy leaf and a key component meet exactly when their strings are equal. A plain attribute
 * is {@code p:name=value}. A comparable attribute is a "bag of bits" (Bethencourt, Sahai and
 * Waters 2007, section 4.3): {@code b:name#i=0|1} for each bit i of the value, and
 * {@code r:name<2^k} or {@code r:name>=2^k} for each k, which let a policy bound the bits above
 * its {@code maxValue} with one leaf. Names are restricted so the encoding is injective.
 */
public final class AttributeNames {

    /** Bits a comparable value has: values are non-negative {@code long}s. */
    public static final int VALUE_BITS = 63;
    /** Powers of two a comparable value is compared with, 2^0 … 2^63. */
    public static final int RANGE_POWERS = 64;
    public static final int MAX_PLAIN_VALUE_LENGTH = 256;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private AttributeNames() {}

    /** Null when {@code name} is usable, otherwise what is wrong with it. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "an attribute name is missing";
        }
        return NAME.matcher(name).matches()
                ? null
                : "attribute name '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                        + "' is not 1 to 64 letters, digits, '_', '.' or '-'";
    }

    /** Null when {@code value} is a usable plain value, otherwise what is wrong with it. */
    public static String plainValueProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "a plain attribute needs a non-empty value";
        }
        if (value.length() > MAX_PLAIN_VALUE_LENGTH) {
            return "a plain value is at most " + MAX_PLAIN_VALUE_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch)) {
                return "a plain value holds a control character";
            }
            if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return "a plain value is not well-formed Unicode";
            }
        }
        return null;
    }

    /** Throws when {@code name} is not usable, for the constructors of policies and attribute sets. */
    static void checkName(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new AbeException(problem);
        }
    }

    static void checkPlainValue(String value) {
        String problem = plainValueProblem(value);
        if (problem != null) {
            throw new AbeException(problem);
        }
    }

    public static String plain(String name, String value) {
        return "p:" + name + "=" + value;
    }

    public static String bit(String name, int bit, boolean one) {
        return "b:" + name + "#" + bit + "=" + (one ? "1" : "0");
    }

    /** The attribute of a value below 2^power. */
    public static String below(String name, int power) {
        return "r:" + name + "<2^" + power;
    }

    /** The attribute of a value at or above 2^power. */
    public static String atLeast(String name, int power) {
        return "r:" + name + ">=2^" + power;
    }
}
