package market.order.market.domain;

import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.Hashes;

/**
 * bytes32 tags as hex ({@code 0x} and 64 hex digits): each set bit asks for, or offers, one
 * execution requirement.
 */
public final class Tags {

    private Tags() {}

    public static boolean isBytes32(String text) {
        return DatasetOrderSigning.isBytes32(text);
    }

    /** True when every bit set in {@code requestTag} is set in {@code orderTag}; both must be bytes32 hex. */
    public static boolean isSubset(String requestTag, String orderTag) {
        if (!isBytes32(requestTag) || !isBytes32(orderTag)) {
            throw new IllegalArgumentException("a tag is 0x and 64 hex digits");
        }
        // digit by digit: each hex digit is four bits of the tag
        for (int i = 2; i < 66; i++) {
            int request = Hashes.hexDigit(requestTag.charAt(i));
            if ((request & ~Hashes.hexDigit(orderTag.charAt(i))) != 0) {
                return false;
            }
        }
        return true;
    }
}
