package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

    @Test
    void derivesEthereumAddressesOfKnownKeys() {
        // private keys and addresses as every Ethereum client derives them
        assertThat(Wallet.fromPrivateKey("0x4646464646464646464646464646464646464646464646464646464646464646").address())
                .isEqualTo("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
        assertThat(Wallet.fromPrivateKey("0x0000000000000000000000000000000000000000000000000000000000000001").address())
                .isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    @Test
    void keccakIsEthereumsNotSha3() {
        assertThat(Hashes.toHex0x(Hashes.keccak256(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void personalSignRecoversTheSigner() {
        Wallet wallet = Wallet.create();
        byte[] message = Hashes.utf8("hello market");
        Secp256k1.Signature signature = wallet.signPersonal(message);
        assertThat(PersonalSign.recoverAddress(message, signature)).isEqualTo(wallet.address());
        assertThat(Secp256k1.Signature.fromHex(signature.toHex())).isEqualTo(signature);
    }

    @Test
    void aChangedMessageRecoversAnotherAddress() {
        Wallet wallet = Wallet.create();
        Secp256k1.Signature signature = wallet.signPersonal(Hashes.utf8("pay 1 OSB"));
        assertThat(PersonalSign.recoverAddress(Hashes.utf8("pay 9 OSB"), signature)).isNotEqualTo(wallet.address());
    }

    @Test
    void signaturesAreDeterministicAndLowS() {
        Wallet wallet = Wallet.fromPrivateKey("0x4646464646464646464646464646464646464646464646464646464646464646");
        Secp256k1.Signature first = wallet.signPersonal(Hashes.utf8("x"));
        assertThat(wallet.signPersonal(Hashes.utf8("x"))).isEqualTo(first);
        assertThat(first.s()).isLessThanOrEqualTo(Secp256k1.DOMAIN.getN().shiftRight(1));
    }

    @Test
    void rejectsHighSMalleableTwin() {
        Wallet wallet = Wallet.create();
        byte[] message = Hashes.utf8("m");
        Secp256k1.Signature low = wallet.signPersonal(message);
        BigInteger highS = Secp256k1.DOMAIN.getN().subtract(low.s());
        Secp256k1.Signature twin = new Secp256k1.Signature(low.r(), highS, low.v() == 27 ? 28 : 27);
        assertThatThrownBy(() -> PersonalSign.recoverAddress(message, twin))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aesGcmOpensOnlyWithTheSameKeyAndContext() {
        byte[] key = AesGcm.newKey();
        byte[] sealed = AesGcm.seal(key, Hashes.utf8("secret"), Hashes.utf8("data:1:fragment:1"));
        assertThat(new String(AesGcm.open(key, sealed, Hashes.utf8("data:1:fragment:1")))).isEqualTo("secret");
        assertThatThrownBy(() -> AesGcm.open(key, sealed, Hashes.utf8("data:1:fragment:2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcm.open(AesGcm.newKey(), sealed, Hashes.utf8("data:1:fragment:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
