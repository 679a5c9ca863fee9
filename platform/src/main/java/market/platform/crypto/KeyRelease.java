package market.platform.crypto;

/**
 * The associated context under which a released fragment key is wrapped to a buyer with
 * {@link Ecies}: the registry seals with it and the buyer's client opens with it, so a box
 * cannot be passed off as the key of another dataset or fragment.
 */
public final class KeyRelease {

    private KeyRelease() {}

    public static byte[] context(long dataId, long fragmentNo) {
        return Hashes.utf8("market-key-release-1:" + dataId + ":" + fragmentNo);
    }
}
