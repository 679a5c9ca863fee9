package market.registry.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import market.platform.crypto.Hashes;
import market.platform.crypto.KeyRelease;
import market.platform.crypto.PersonalSign;
import market.platform.crypto.Secp256k1;
import market.platform.signing.Wallet;
import market.registry.dataset.domain.WrappedKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry where libsecp256k1 cannot load. Maven runs this class in its own JVM (the
 * {@code native-fallback} execution of this module), whose {@code fr.acinq.secp256k1.tmpdir}
 * is a regular file, so the JNI library has nowhere to be extracted. That execution also runs
 * {@code RegistryFlowTest}: the service verifies signed requests on the fallback too.
 */
@Tag("native-fallback")
class NativeFallbackTest {

    @TempDir
    Path dataDir;

    @Test
    void secp256k1RunsOnBouncyCastle() {
        assertThat(Secp256k1.engine().name()).isEqualTo("bouncycastle");
    }

    @Test
    void signaturesRecoverAndReleasedKeysOpenOnTheFallback() {
        Wallet buyer = Wallet.create();
        byte[] message = Hashes.utf8("buy data 7");
        assertThat(PersonalSign.recoverAddress(message, buyer.signPersonal(message))).isEqualTo(buyer.address());
        KeyCustody custody = KeyCustody.load(null, dataDir);
        WrappedKey wrapped = custody.wrap(7, 1, "fragment-key");
        byte[] box = custody.releaseTo(buyer.publicKey(), 7, 1, wrapped);
        assertThat(new String(buyer.decrypt(box, KeyRelease.context(7, 1)))).isEqualTo("fragment-key");
    }
}
