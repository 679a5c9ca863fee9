package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import market.platform.crypto.Eip712.Field;
import market.platform.crypto.Eip712.Types;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;

/**
 * iExec's {@code DatasetOrder} under EIP-712, against a vector made by an independent
 * implementation: ethers.js 6.17.0 ({@code TypedDataEncoder.hashStruct}, {@code hashDomain},
 * {@code hash}, {@code Wallet.signTypedData}, {@code verifyTypedData}), run with Node 20 on the
 * inputs below: domain {@code iExecODB} 5.0.0, chainId 134, verifyingContract
 * {@code 0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f}; the order of the iExec dataset-provider
 * document (dataset {@code 0xCb78…3D12}, datasetprice 2, volume 1000000, zero tag and
 * restrictions, its salt); signer key {@code 0x4646…46}.
 */
class DatasetOrderVectorTest {

    private static final Types TYPES = new Types().add("DatasetOrder",
            new Field("dataset", "address"), new Field("datasetprice", "uint256"), new Field("volume", "uint256"),
            new Field("tag", "bytes32"), new Field("apprestrict", "address"),
            new Field("workerpoolrestrict", "address"), new Field("requesterrestrict", "address"),
            new Field("salt", "bytes32"));

    private static final String ZERO_ADDRESS = Addresses.ZERO;
    private static final String ZERO_BYTES32 = "0x" + "00".repeat(32);

    private static Map<String, Object> order() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("dataset", "0xCb781f3106E25E2A9408C4B89C47034877223D12");
        order.put("datasetprice", 2L);
        order.put("volume", 1_000_000L);
        order.put("tag", ZERO_BYTES32);
        order.put("apprestrict", ZERO_ADDRESS);
        order.put("workerpoolrestrict", ZERO_ADDRESS);
        order.put("requesterrestrict", ZERO_ADDRESS);
        order.put("salt", "0xaaae00a749e198b9f43bc89c420aaf146f3a224c8500d327c3569075eea2c2ae");
        return order;
    }

    private static final byte[] DOMAIN = Eip712.domainSeparator("iExecODB", "5.0.0", BigInteger.valueOf(134),
            "0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f");

    @Test
    void typeAndStructHashesMatch() {
        assertThat(TYPES.encodeType("DatasetOrder")).isEqualTo("DatasetOrder(address dataset,uint256 datasetprice,"
                + "uint256 volume,bytes32 tag,address apprestrict,address workerpoolrestrict,address requesterrestrict,"
                + "bytes32 salt)");
        assertThat(Hashes.toHex0x(TYPES.typeHash("DatasetOrder")))
                .isEqualTo("0x6cfc932a5a3d22c4359295b9f433edff52b60703fa47690a04a83e40933dd47c");
        assertThat(Hashes.toHex0x(TYPES.hashStruct("DatasetOrder", order())))
                .isEqualTo("0x26ac93f3b9e36ab943e940f5f736d5c6e57ac88912519675fd8f962b9dcfc493");
    }

    @Test
    void domainAndOrderHashMatch() {
        assertThat(Hashes.toHex0x(DOMAIN))
                .isEqualTo("0xf2cbd98a556869939d25b73c3fa68ba45f19932f8c9a06f744c98290ed9ef860");
        assertThat(Hashes.toHex0x(Eip712.digest(DOMAIN, TYPES, "DatasetOrder", order())))
                .isEqualTo("0x91113fa576d222100b429ec5855f421c2aa9b52b9aecb5503932a41aca45c84d");
    }

    @Test
    void signatureAndRecoveredSignerMatch() {
        Wallet signer = Wallet.fromPrivateKey("0x" + "46".repeat(32));
        byte[] digest = Eip712.digest(DOMAIN, TYPES, "DatasetOrder", order());
        String ethersSignature = "0x7eeb60bade1f98001d5ef28268990e46f6940d397a81c6196fc6a44a25b89346"
                + "1326bf607caad565348aa550112208ea100fb719ba71ffbc3859a97d95db54831b";
        assertThat(signer.signHash(digest).toHex()).isEqualTo(ethersSignature);
        assertThat(Secp256k1.recoverAddress(digest, Secp256k1.Signature.fromHex(ethersSignature)))
                .isEqualTo("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
    }
}
