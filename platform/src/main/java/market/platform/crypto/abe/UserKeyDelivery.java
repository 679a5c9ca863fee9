package market.platform.crypto.abe;

import market.platform.crypto.Hashes;

/**
 * How an issued ABE user key travels: {@link AbeUserKey#encode() encoded}, then sealed with ECIES
 * to the buyer's secp256k1 key under {@link #context}, which names the provider, the buyer and
 * the order, so a sealed key moved to another order does not open. The registry seals, the
 * buyer's CLI opens.
 */
public final class UserKeyDelivery {

    private UserKeyDelivery() {}

    public static byte[] context(String provider, String buyer, String orderSeq) {
        return Hashes.utf8("market-abe-user-key-1:" + provider + ":" + buyer + ":" + orderSeq);
    }
}
