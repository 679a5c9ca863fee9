package market.platform.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagWalkerTest {

    /** 200 leaves: a root over two nodes, the second with 26 leaves. */
    private static final int SIZE = 200 * UnixFsImporter.CHUNK_SIZE - 1000;

    private final byte[] file = Keystream.bytes(SIZE);
    private final Map<Cid, byte[]> store = new LinkedHashMap<>();
    private final Cid root = imported();

    private Cid imported() {
        try (UnixFsImporter importer = new UnixFsImporter(store::put)) {
            importer.write(file);
            return importer.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private BlockSource source() {
        return cid -> {
            byte[] block = store.get(cid);
            if (block == null) {
                throw new BlockSource.MissingBlockException(cid);
            }
            return block;
        };
    }

    @Test
    void exportsTheFileItImported() throws IOException {
        Collected walk = walk(source(), 0, Long.MAX_VALUE);

        assertThat(walk.bytes.toByteArray()).isEqualTo(file);
        assertThat(walk.blocks).hasSize(200 + 2 + 1);
        assertThat(walk.blocks.get(0)).isEqualTo(root);
        assertThat(UnixFsImporter.cidOf(file)).isEqualTo(root);
    }

    @Test
    void readsOnlyTheBlocksOfARange() throws IOException {
        long from = 174L * UnixFsImporter.CHUNK_SIZE - 10;
        long to = 174L * UnixFsImporter.CHUNK_SIZE + 10;

        Collected walk = walk(source(), from, to);

        assertThat(walk.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(file, (int) from, (int) to));
        // the root, both nodes below it, and the last leaf of the first node and the first of the second
        assertThat(walk.blocks).hasSize(5);
    }

    @Test
    void stopsAtABlockThatDoesNotMatchItsCid() {
        Cid leaf = store.keySet().stream().filter(cid -> cid.codec() == Cid.RAW).skip(3).findFirst().orElseThrow();
        byte[] corrupted = store.get(leaf).clone();
        corrupted[100] ^= 1;
        store.put(leaf, corrupted);

        assertThatThrownBy(() -> walk(source(), 0, Long.MAX_VALUE))
                .isInstanceOf(DagWalker.BadBlockException.class).hasMessageContaining(leaf.toString());
    }

    @Test
    void reportsAMissingBlock() {
        Cid leaf = store.keySet().stream().filter(cid -> cid.codec() == Cid.RAW).skip(150).findFirst().orElseThrow();
        store.remove(leaf);

        assertThatThrownBy(() -> walk(source(), 0, Long.MAX_VALUE))
                .isInstanceOf(BlockSource.MissingBlockException.class);
    }

    @Test
    void aCarWrittenInWalkOrderReadsBackVerified() throws IOException {
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        car.write(Car.header(root));
        new DagWalker(source()).walk(root, (cid, block) -> Car.section(car, cid, block));

        Car.Reader reader = new Car.Reader(new ByteArrayInputStream(car.toByteArray()));
        Collected walk = walk(reader.inWalkOrder(), 0, Long.MAX_VALUE);

        assertThat(reader.roots()).containsExactly(root);
        assertThat(walk.bytes.toByteArray()).isEqualTo(file);
        assertThat(reader.next()).isNull();
    }

    @Test
    void aCarWithBlocksOutOfOrderIsRefused() throws IOException {
        List<Map.Entry<Cid, byte[]>> sections = new ArrayList<>();
        new DagWalker(source()).walk(root, (cid, block) -> sections.add(Map.entry(cid, block)));
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        car.write(Car.header(root));
        Map.Entry<Cid, byte[]> second = sections.remove(2);
        sections.add(3, second);
        for (Map.Entry<Cid, byte[]> section : sections) {
            Car.section(car, section.getKey(), section.getValue());
        }

        Car.Reader reader = new Car.Reader(new ByteArrayInputStream(car.toByteArray()));
        assertThatThrownBy(() -> walk(reader.inWalkOrder(), 0, Long.MAX_VALUE)).isInstanceOf(IOException.class)
                .hasMessageContaining("belongs");
    }

    @Test
    void aCarHeaderIsCanonicalDagCbor() {
        byte[] header = Car.header(root);

        // varint length, map(2), "roots", [tag 42 bytes(37)], "version", 1
        assertThat(header[0]).isEqualTo((byte) (header.length - 1));
        assertThat(Arrays.copyOfRange(header, 1, 8)).isEqualTo(new byte[] {(byte) 0xA2, 0x65, 'r', 'o', 'o', 't', 's'});
        assertThat(Arrays.copyOfRange(header, header.length - 9, header.length))
                .isEqualTo(new byte[] {0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x01});
    }

    private Collected walk(BlockSource source, long from, long to) throws IOException {
        Collected collected = new Collected();
        new DagWalker(source).walk(root, from, to, collected);
        return collected;
    }

    private static final class Collected implements DagWalker.Visitor {
        final List<Cid> blocks = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void block(Cid cid, byte[] block) {
            blocks.add(cid);
        }

        @Override
        public void bytes(byte[] block, int offset, int length) {
            bytes.write(block, offset, length);
        }
    }
}
