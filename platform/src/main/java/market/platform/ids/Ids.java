package market.platform.ids;

import java.nio.ByteBuffer;
import market.platform.crypto.Hashes;

/**
 * Ids of new aggregates, derived where a command enters from the signed request: the same signer
 * and nonce always give the same id, so a retried request maps to the same aggregate. Ids are
 * positive and below 2^53, so JSON readers in any language keep them exact.
 */
public final class Ids {

    private static final long MASK_53 = (1L << 53) - 1;

    private Ids() {}

    public static long derive(String kind, String signer, String nonce) {
        byte[] hash = Hashes.keccak256(Hashes.utf8(kind + "\n" + signer + "\n" + nonce));
        long id = ByteBuffer.wrap(hash, 0, 8).getLong() & MASK_53;
        return id == 0 ? 1 : id;
    }

    /**
     * The data_id of a DataShare product: one per provider and productID, so the registry and
     * the order service find a product's dataset from the pair alone.
     */
    public static long dataShareProduct(String provider, String productId) {
        return derive("datashare", provider, productId);
    }
}
