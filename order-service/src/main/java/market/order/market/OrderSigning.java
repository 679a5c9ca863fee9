package market.order.market;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import market.order.command.OrderToPublish;
import market.order.market.domain.DatasetOrder;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.DatasetOrderSigning.UnsignedOrder;
import market.platform.crypto.Hashes;

/**
 * Verifies a signed dataset order for the order service: its EIP-712 hash in the configured
 * {@code iExecODB} domain, and the signer the signature recovers, as a domain
 * {@link DatasetOrder} in canonical lower case.
 */
public final class OrderSigning {

    private final DatasetOrderSigning signing;

    public OrderSigning(BigInteger chainId, String verifyingContract) {
        this.signing = new DatasetOrderSigning(chainId, verifyingContract);
    }

    public Map<String, Object> domain() {
        return signing.domain();
    }

    public String orderHash(UnsignedOrder o) {
        return signing.orderHash(o);
    }

    public String recoverSigner(UnsignedOrder o, String sign) {
        return signing.recoverSigner(o, sign);
    }

    /** The domain order, in canonical lower case, with its hash and the signer {@code sign} recovers. */
    public DatasetOrder verified(UnsignedOrder o, String sign) {
        byte[] digest = signing.digest(o);
        return new DatasetOrder(Addresses.normalize(o.dataset()), o.datasetprice(), o.volume(), lower(o.tag()),
                Addresses.normalize(o.apprestrict()), Addresses.normalize(o.workerpoolrestrict()),
                Addresses.normalize(o.requesterrestrict()), lower(o.salt()), lower(sign), Hashes.toHex0x(digest),
                DatasetOrderSigning.recover(digest, sign));
    }

    /** The same for an order as it travels in a {@code PublishOrder} command. */
    public DatasetOrder verified(OrderToPublish o) {
        return verified(new UnsignedOrder(o.getDataset(), o.getDatasetprice(), o.getVolume(), o.getTag(),
                o.getApprestrict(), o.getWorkerpoolrestrict(), o.getRequesterrestrict(), o.getSalt()), o.getSign());
    }

    private static String lower(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }
}
