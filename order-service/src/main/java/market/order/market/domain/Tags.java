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
        byte[] request = bytes32(requestTag);
        byte[] order = bytes32(orderTag);
        for (int i = 0; i < 32; i++) {
            if ((request[i] & ~order[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes32(String tag) {
        if (!isBytes32(tag)) {
            throw new IllegalArgumentException("a tag is 0x and 64 hex digits");
        }
        return Hashes.fromHex(tag);
    }
}
