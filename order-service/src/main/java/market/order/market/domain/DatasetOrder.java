package market.order.market.domain;

/**
 * A signed offer to sell access to a dataset, shaped as iExec's {@code DatasetOrder} plus what the
 * signature yields: {@code orderHash} (the EIP-712 digest, {@code 0x} and 64 hex digits) and
 * {@code signer} (the address that signed it). {@code tag} and {@code salt} are bytes32 hex,
 * {@code sign} is 65 bytes of hex; addresses are lower case.
 */
public record DatasetOrder(String dataset, long datasetprice, long volume, String tag, String apprestrict,
        String workerpoolrestrict, String requesterrestrict, String salt, String sign, String orderHash,
        String signer) {}
