package market.registry.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import market.platform.crypto.AesGcm;
import market.registry.dataset.domain.WrappedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCustodyTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAnOwnerOnlyKeyFileOnceAndReloadsIt() throws Exception {
        KeyCustody first = KeyCustody.load(null, dataDir);
        Path file = dataDir.resolve("custody.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyCustody second = KeyCustody.load("", dataDir);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        WrappedKey wrapped = first.wrap(7, 1, "fragment-key");
        assertThat(second.unwrap(7, 1, wrapped)).isEqualTo("fragment-key");
    }

    @Test
    void aWrappedKeyOpensOnlyForItsDataAndFragment() {
        KeyCustody custody = KeyCustody.load(Base64.getEncoder().encodeToString(AesGcm.newKey()), dataDir);
        WrappedKey wrapped = custody.wrap(7, 1, "fragment-key");
        assertThat(new String(wrapped.sealed())).doesNotContain("fragment-key");
        assertThatThrownBy(() -> custody.unwrap(7, 2, wrapped)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> custody.unwrap(8, 1, wrapped)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeySealedUnderAnotherCustodyKeyIsRefusedByName() {
        KeyCustody ours = KeyCustody.load(Base64.getEncoder().encodeToString(AesGcm.newKey()), dataDir);
        KeyCustody theirs = KeyCustody.load(Base64.getEncoder().encodeToString(AesGcm.newKey()), dataDir);
        assertThatThrownBy(() -> ours.unwrap(7, 1, theirs.wrap(7, 1, "k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(theirs.keyId());
    }
}
