package market.platform.ids;

import java.util.regex.Pattern;

/**
 * A DataShare {@code orderSeq}: the name a consumer gives each of its applications, to a
 * provider for an attribute key or to a product for a purchase.
 */
public final class OrderSeq {

    public static final String RULE =
            "orderSeq must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private OrderSeq() {}

    public static boolean isValid(String orderSeq) {
        return orderSeq != null && FORM.matcher(orderSeq).matches();
    }
}
