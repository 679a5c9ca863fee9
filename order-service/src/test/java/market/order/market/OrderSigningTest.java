package market.order.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import market.platform.crypto.DatasetOrderSigning.UnsignedOrder;
import market.order.market.domain.DatasetOrder;
import market.platform.crypto.Addresses;
import org.junit.jupiter.api.Test;

/**
 * Order hashes and signers against the vector of {@code DatasetOrderVectorTest}, made by an
 * independent implementation, ethers.js 6.17.0: domain {@code iExecODB} 5.0.0, chainId 134,
 * verifyingContract {@code 0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f}, the order of the iExec
 * dataset-provider document, signed with key {@code 0x4646…46}.
 */
class OrderSigningTest {

    private static final String ZERO_BYTES32 = "0x" + "00".repeat(32);
    private static final String SALT = "0xaaae00a749e198b9f43bc89c420aaf146f3a224c8500d327c3569075eea2c2ae";
    private static final String ORDER_HASH = "0x91113fa576d222100b429ec5855f421c2aa9b52b9aecb5503932a41aca45c84d";
    private static final String SIGNER = "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f";
    private static final String ETHERS_SIGNATURE = "0x7eeb60bade1f98001d5ef28268990e46f6940d397a81c6196fc6a44a25b89346"
            + "1326bf607caad565348aa550112208ea100fb719ba71ffbc3859a97d95db54831b";

    private final OrderSigning signing =
            new OrderSigning(BigInteger.valueOf(134), "0x3eca1B216A7DF1C7689aEb259fFB83ADFB894E7f");

    private static UnsignedOrder order(long datasetprice) {
        return new UnsignedOrder("0xCb781f3106E25E2A9408C4B89C47034877223D12", datasetprice, 1_000_000L, ZERO_BYTES32,
                Addresses.ZERO, Addresses.ZERO, Addresses.ZERO, SALT);
    }

    @Test
    void theOrderHashMatchesEthers() {
        assertThat(signing.orderHash(order(2))).isEqualTo(ORDER_HASH);
    }

    @Test
    void theEthersSignatureRecoversTheSigner() {
        assertThat(signing.recoverSigner(order(2), ETHERS_SIGNATURE)).isEqualTo(SIGNER);
    }

    @Test
    void aVerifiedOrderCarriesItsHashAndSignerInLowerCase() {
        DatasetOrder verified = signing.verified(order(2), ETHERS_SIGNATURE.toUpperCase().replace("0X", "0x"));
        assertThat(verified).isEqualTo(new DatasetOrder("0xcb781f3106e25e2a9408c4b89c47034877223d12", 2, 1_000_000L,
                ZERO_BYTES32, Addresses.ZERO, Addresses.ZERO, Addresses.ZERO, SALT, ETHERS_SIGNATURE, ORDER_HASH,
                SIGNER));
    }

    @Test
    void aTamperedPriceRecoversAnotherSigner() {
        assertThat(signing.orderHash(order(1))).isNotEqualTo(ORDER_HASH);
        assertThat(signing.recoverSigner(order(1), ETHERS_SIGNATURE)).isNotEqualTo(SIGNER);
    }

    @Test
    void aMalformedSignatureIsRefused() {
        assertThatThrownBy(() -> signing.recoverSigner(order(2), "0x1234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sign must be");
        assertThatThrownBy(() -> signing.recoverSigner(order(2), null))
                .isInstanceOf(IllegalArgumentException.class);
        String badV = ETHERS_SIGNATURE.substring(0, ETHERS_SIGNATURE.length() - 2) + "05";
        assertThatThrownBy(() -> signing.verified(order(2), badV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid signature");
        String zeroR = "0x" + "00".repeat(32) + ETHERS_SIGNATURE.substring(66);
        assertThatThrownBy(() -> signing.recoverSigner(order(2), zeroR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid signature");
    }

    @Test
    void aMalformedFieldIsRefused() {
        assertThatThrownBy(() -> new UnsignedOrder(Addresses.ZERO, 2, 1, "0x01", Addresses.ZERO, Addresses.ZERO,
                Addresses.ZERO, SALT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signing.orderHash(new UnsignedOrder("0x12", 2, 1, ZERO_BYTES32, Addresses.ZERO,
                Addresses.ZERO, Addresses.ZERO, SALT))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signing.orderHash(order(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDomainIsPublishedForClients() {
        assertThat(signing.domain()).containsExactly(
                entry("name", "iExecODB"),
                entry("version", "5.0.0"),
                entry("chainId", BigInteger.valueOf(134)),
                entry("verifyingContract",
                        "0x3eca1b216a7df1c7689aeb259ffb83adfb894e7f"));
    }
}
