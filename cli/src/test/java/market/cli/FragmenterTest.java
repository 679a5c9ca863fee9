package market.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;
import market.cli.Fragmenter.Fragment;
import market.cli.Fragmenter.Fragmented;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Hashes;
import org.junit.jupiter.api.Test;

class FragmenterTest {

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void splitsIntoContiguousFragmentsOfNearEqualSize() {
        byte[] file = content(1000);
        Fragmented fragmented = Fragmenter.split(file, 3);

        assertThat(fragmented.fragments()).extracting(Fragment::fragmentNo).containsExactly(1, 2, 3);
        assertThat(fragmented.fragments()).extracting(Fragment::size).containsExactly(334L, 333L, 333L);
        assertThat(fragmented.fragments().stream().mapToLong(Fragment::size).sum()).isEqualTo(file.length);
        assertThat(fragmented.size()).isEqualTo(file.length);
    }

    @Test
    void hashesTheFileAndEachFragmentWithSha256() {
        byte[] file = content(100);
        Fragmented fragmented = Fragmenter.split(file, 4);

        assertThat(fragmented.dataHashOriginal()).isEqualTo(Hashes.sha256Hex(file)).matches("[0-9a-f]{64}");
        for (Fragment f : fragmented.fragments()) {
            assertThat(f.hashOriginal()).matches("[0-9a-f]{64}");
            assertThat(f.hashEncrypted()).isEqualTo(Hashes.sha256Hex(f.sealed()));
            assertThat(f.cid()).isEqualTo(UnixFsImporter.cidOf(f.sealed()).toString());
        }
    }

    @Test
    void eachSealedFragmentOpensWithItsOwnKeyAndNumber() {
        byte[] file = content(1001);
        Fragmented fragmented = Fragmenter.split(file, 5);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Fragment f : fragmented.fragments()) {
            byte[] plain = AesGcm.open(f.key(), f.sealed(), Fragmenter.associatedData(f.fragmentNo()));
            assertThat(Hashes.sha256Hex(plain)).isEqualTo(f.hashOriginal());
            assertThat(f.encryptKeyHex()).isEqualTo(HexFormat.of().formatHex(f.key())).hasSize(64);
            joined.writeBytes(plain);
        }
        assertThat(joined.toByteArray()).isEqualTo(file);
        assertThat(fragmented.fragments()).extracting(Fragment::encryptKeyHex).doesNotHaveDuplicates();
    }

    @Test
    void aFragmentDoesNotOpenUnderAnotherNumber() {
        Fragment first = Fragmenter.split(content(10), 2).fragments().get(0);

        assertThatThrownBy(() -> AesGcm.open(first.key(), first.sealed(), Fragmenter.associatedData(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowsOneByteFragments() {
        assertThat(Fragmenter.split(content(3), 3).fragments()).extracting(Fragment::size).containsExactly(1L, 1L, 1L);
    }

    @Test
    void rejectsAnEmptyFileAndMoreFragmentsThanBytes() {
        assertThatThrownBy(() -> Fragmenter.split(new byte[0], 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Fragmenter.split(content(2), 3)).hasMessageContaining("fewer than the 3 fragments");
        assertThatThrownBy(() -> Fragmenter.split(content(2), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheKeyInToString() {
        Fragment fragment = Fragmenter.split(content(10), 1).fragments().get(0);

        assertThat(fragment.toString()).doesNotContain(fragment.encryptKeyHex());
    }
}
