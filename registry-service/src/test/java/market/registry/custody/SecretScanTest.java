package market.registry.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's search of one file: every needle wherever it lies, across the seam of two chunks
 * and at the very end too, and none that is not there.
 */
class SecretScanTest {

    @TempDir
    Path dir;

    private static SecretScan.Needle needle(String what, int seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return new SecretScan.Needle(what, bytes);
    }

    @Test
    void findsNeedlesAcrossChunksAndAtTheEndAndNoOther() throws Exception {
        SecretScan.Needle acrossTheSeam = needle("across the seam", 1, 32);
        SecretScan.Needle atTheEnd = needle("at the end", 2, 44);
        SecretScan.Needle inTheMiddle = new SecretScan.Needle("hex in the middle",
                "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9".getBytes(StandardCharsets.US_ASCII));
        SecretScan.Needle absent = needle("absent", 3, 32);
        // absent's first two bytes are in the file, so the search gets past the start of a candidate
        SecretScan.Needle sameStart = new SecretScan.Needle("same start as absent", new byte[] {
            absent.bytes()[0], absent.bytes()[1], 9, 9, 9, 9, 9, 9});

        byte[] file = new byte[3 * SecretScan.CHUNK + 1000];
        int seam = SecretScan.CHUNK - 10;
        System.arraycopy(acrossTheSeam.bytes(), 0, file, seam, 32);
        System.arraycopy(inTheMiddle.bytes(), 0, file, 2 * SecretScan.CHUNK + 77, inTheMiddle.bytes().length);
        System.arraycopy(atTheEnd.bytes(), 0, file, file.length - 44, 44);
        System.arraycopy(sameStart.bytes(), 0, file, 5000, sameStart.bytes().length);
        Path path = Files.write(dir.resolve("segment.log"), file);

        List<SecretScan.Needle> found = new SecretScan.Search(List.of(acrossTheSeam, atTheEnd, absent),
                List.of(inTheMiddle, sameStart)).find(path);

        assertThat(found).containsExactlyInAnyOrder(acrossTheSeam, atTheEnd, inTheMiddle, sameStart);
    }

    @Test
    void aFileOfZerosHoldsNothing() throws Exception {
        Path path = Files.write(dir.resolve("00000000000000000000.index"), new byte[10 << 20]);

        assertThat(new SecretScan.Search(List.of(needle("a key", 4, 32)), List.of()).find(path)).isEmpty();
    }
}
