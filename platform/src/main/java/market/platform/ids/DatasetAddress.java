package market.platform.ids;

import java.util.Arrays;
import market.platform.crypto.Hashes;

/**
 * A dataset's address, so that orders can name it the way iExec's {@code datasetorder.dataset}
 * does: {@code 0x} and the last 20 bytes of Keccak-256 of {@code "market-dataset:" + data_id}.
 * Deterministic, so every service derives the same address from the id.
 */
public final class DatasetAddress {

    private DatasetAddress() {}

    public static String of(long dataId) {
        byte[] hash = Hashes.keccak256(Hashes.utf8("market-dataset:" + dataId));
        return Hashes.toHex0x(Arrays.copyOfRange(hash, 12, 32));
    }
}
