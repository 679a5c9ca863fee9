package market.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import market.cli.Fragmenter.Part;
import market.cli.Fragmenter.Plan;
import market.cli.Fragmenter.Sealed;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmenterTest {

    @TempDir
    Path folder;

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(folder.resolve("data-" + size), bytes);
    }

    private static Progress quiet() {
        return new Progress(new PrintWriter(new StringWriter()), "test", 0, false);
    }

    @Test
    void plansContiguousFragmentsOfNearEqualSizeAndHashesThem() throws IOException {
        Path file = file(1000);
        Plan plan = Fragmenter.plan(file, 3, quiet());

        assertThat(plan.parts()).extracting(Part::fragmentNo).containsExactly(1, 2, 3);
        assertThat(plan.parts()).extracting(Part::size).containsExactly(334L, 333L, 333L);
        assertThat(plan.parts()).extracting(Part::offset).containsExactly(0L, 334L, 667L);
        assertThat(plan.size()).isEqualTo(1000);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(plan.dataHashOriginal()).isEqualTo(Hashes.sha256Hex(bytes));
        assertThat(plan.parts().get(1).hashOriginal())
                .isEqualTo(Hashes.sha256Hex(java.util.Arrays.copyOfRange(bytes, 334, 667)));
    }

    @Test
    void eachSealedFragmentOpensWithItsKeyUnderItsDataAndNumberOnly() throws IOException {
        Path file = file(300_000);
        Plan plan = Fragmenter.plan(file, 2, quiet());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Part part : plan.parts()) {
            byte[] key = AesGcm.newKey();
            Path out = folder.resolve("fragment-" + part.fragmentNo() + ".enc");
            Sealed sealed = Fragmenter.seal(file, part, key, 42, out, quiet());
            byte[] bytes = Files.readAllBytes(out);

            assertThat(sealed.cid()).isEqualTo(UnixFsImporter.cidOf(bytes).toString());
            assertThat(sealed.hashEncrypted()).isEqualTo(Hashes.sha256Hex(bytes));
            assertThat(sealed.sizeEncrypted()).isEqualTo(bytes.length).isEqualTo(SegmentedAead.ciphertextSize(part.size()));
            try (InputStream in = SegmentedAead.decrypting(key, SegmentedAead.fragmentContext(42, part.fragmentNo()),
                    Files.newInputStream(out))) {
                byte[] plain = in.readAllBytes();
                assertThat(Hashes.sha256Hex(plain)).isEqualTo(part.hashOriginal());
                joined.writeBytes(plain);
            }
            assertThatThrownBy(() -> SegmentedAead.decrypting(key, SegmentedAead.fragmentContext(43,
                    part.fragmentNo()), Files.newInputStream(out)).readAllBytes()).isInstanceOf(IOException.class);
        }
        assertThat(joined.toByteArray()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void allowsOneByteFragments() throws IOException {
        assertThat(Fragmenter.plan(file(3), 3, quiet()).parts()).extracting(Part::size).containsExactly(1L, 1L, 1L);
    }

    @Test
    void rejectsAnEmptyFileAndMoreFragmentsThanBytes() throws IOException {
        Path empty = Files.write(folder.resolve("empty"), new byte[0]);
        Path two = file(2);
        assertThatThrownBy(() -> Fragmenter.plan(empty, 1, quiet())).hasMessageContaining("empty");
        assertThatThrownBy(() -> Fragmenter.plan(two, 3, quiet())).hasMessageContaining("fewer than the 3 fragments");
        assertThatThrownBy(() -> Fragmenter.plan(two, 0, quiet())).isInstanceOf(IllegalArgumentException.class);
    }
}
