package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;

class EciesTest {

    private final Wallet buyer = Wallet.create();
    private final byte[] context = Hashes.utf8("data:42:fragment:1");

    @Test
    void onlyTheRecipientOpensTheBox() {
        byte[] box = Ecies.encrypt(buyer.publicKey(), Hashes.utf8("fragment key"), context);
        assertThat(new String(buyer.decrypt(box, context))).isEqualTo("fragment key");
        assertThatThrownBy(() -> Wallet.create().decrypt(box, context)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachBoxIsFreshAndBoundToItsContext() {
        byte[] first = Ecies.encrypt(buyer.publicKey(), Hashes.utf8("k"), context);
        byte[] second = Ecies.encrypt(buyer.publicKey(), Hashes.utf8("k"), context);
        assertThat(first).isNotEqualTo(second);
        assertThatThrownBy(() -> buyer.decrypt(first, Hashes.utf8("data:42:fragment:2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedBoxDoesNotOpen() {
        byte[] box = Ecies.encrypt(buyer.publicKey(), Hashes.utf8("k"), context);
        box[box.length - 1] ^= 1;
        assertThatThrownBy(() -> buyer.decrypt(box, context)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyThatIsNotOnTheCurve() {
        byte[] notAPoint = new byte[64];
        notAPoint[63] = 7;
        assertThatThrownBy(() -> Ecies.encrypt(notAPoint, Hashes.utf8("k"), context))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
