package market.platform.crypto;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * iExec's {@code DatasetOrder} under EIP-712, in the {@code iExecODB} 5.0.0 domain of one chain
 * and verifying contract: the digest a provider signs (its hash is the {@code orderHash}), and
 * the address a signature recovers. The order service verifies with it and the CLI signs with
 * it; any wallet that implements {@code eth_signTypedData_v4} makes the same signature. It keeps
 * only the domain separator, computed once.
 */
public final class DatasetOrderSigning {

    public static final String DOMAIN_NAME = "iExecODB";
    public static final String DOMAIN_VERSION = "5.0.0";
    public static final String PRIMARY_TYPE = "DatasetOrder";

    public static final Eip712.Types TYPES = new Eip712.Types().add(PRIMARY_TYPE,
            new Eip712.Field("dataset", "address"), new Eip712.Field("datasetprice", "uint256"),
            new Eip712.Field("volume", "uint256"), new Eip712.Field("tag", "bytes32"),
            new Eip712.Field("apprestrict", "address"), new Eip712.Field("workerpoolrestrict", "address"),
            new Eip712.Field("requesterrestrict", "address"), new Eip712.Field("salt", "bytes32"));

    /** The fields a provider signs; {@code tag} and {@code salt} are bytes32 hex ({@code 0x} and 64 digits). */
    public record UnsignedOrder(String dataset, long datasetprice, long volume, String tag, String apprestrict,
            String workerpoolrestrict, String requesterrestrict, String salt) {
        public UnsignedOrder {
            if (!isBytes32(tag) || !isBytes32(salt)) {
                throw new IllegalArgumentException("tag and salt must be 0x and 64 hex digits");
            }
        }
    }

    private final BigInteger chainId;
    private final String verifyingContract;
    private final byte[] domainSeparator;

    public DatasetOrderSigning(BigInteger chainId, String verifyingContract) {
        this.chainId = chainId;
        this.verifyingContract = Addresses.normalize(verifyingContract);
        this.domainSeparator = Eip712.domainSeparator(DOMAIN_NAME, DOMAIN_VERSION, chainId, this.verifyingContract);
    }

    public static boolean isBytes32(String text) {
        if (text == null || text.length() != 66 || !text.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < 66; i++) {
            if (Hashes.hexDigit(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The EIP-712 domain a client needs to sign orders. */
    public Map<String, Object> domain() {
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", DOMAIN_NAME);
        domain.put("version", DOMAIN_VERSION);
        domain.put("chainId", chainId);
        domain.put("verifyingContract", verifyingContract);
        return domain;
    }

    /** The 32 bytes the provider signs; throws {@link IllegalArgumentException} for a malformed field. */
    public byte[] digest(UnsignedOrder o) {
        return Eip712.digest(domainSeparator, TYPES, PRIMARY_TYPE, message(o));
    }

    public String orderHash(UnsignedOrder o) {
        return Hashes.toHex0x(digest(o));
    }

    /** The lower-case address that made {@code sign} over the order. */
    public String recoverSigner(UnsignedOrder o, String sign) {
        return recover(digest(o), sign);
    }

    /** The lower-case address that made {@code sign} over {@code digest}. */
    public static String recover(byte[] digest, String sign) {
        if (sign == null || !sign.matches("0x[0-9a-fA-F]{130}")) {
            throw new IllegalArgumentException("sign must be 0x and 130 hex digits (65 bytes: r, s, v)");
        }
        try {
            return Secp256k1.recoverAddress(digest, Secp256k1.Signature.fromHex(sign));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sign is not a valid signature: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> message(UnsignedOrder o) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("dataset", o.dataset());
        message.put("datasetprice", o.datasetprice());
        message.put("volume", o.volume());
        message.put("tag", o.tag());
        message.put("apprestrict", o.apprestrict());
        message.put("workerpoolrestrict", o.workerpoolrestrict());
        message.put("requesterrestrict", o.requesterrestrict());
        message.put("salt", o.salt());
        return message;
    }
}
