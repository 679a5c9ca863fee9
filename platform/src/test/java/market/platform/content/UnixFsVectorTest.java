package market.platform.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The importer gives the CIDs that an independent IPFS implementation gives for the same bytes.
 * The vectors in {@code content/unixfs-vectors.json} were made on 2026-12-01 with the npm package
 * {@code ipfs-unixfs-importer} 17.1.1 (multiformats 14.0.5, Node.js 20.20.2), configured as kubo's
 * {@code ipfs add --cid-version=1}: fixed 262144-byte chunks, raw leaves, balanced layout with 174
 * links a node, a single leaf reduced to itself; and cross-checked with {@code @ipld/unixfs} 3.0.0,
 * a separate codebase, which gave the same roots. The file records the exact options. The inputs
 * are the AES-256-CTR keystream under zero key and counter ({@link Keystream}), from 0 bytes to
 * 50 MiB (200 leaves, more than 174, so the root has a second level).
 */
class UnixFsVectorTest {

    static Stream<JsonNode> vectors() throws IOException {
        try (InputStream in = UnixFsVectorTest.class.getResourceAsStream("/content/unixfs-vectors.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            assertThat(root.path("generator").path("implementation").asString()).isEqualTo("ipfs-unixfs-importer");
            List<JsonNode> vectors = new ArrayList<>();
            root.path("vectors").forEach(vectors::add);
            return vectors.stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void rootCidEqualsTheIndependentImporters(JsonNode vector) throws Exception {
        long size = vector.path("size").asLong();
        List<Cid> leaves = new ArrayList<>();
        List<byte[]> blocks = new ArrayList<>();
        UnixFsImporter importer = new UnixFsImporter((cid, block) -> {
            if (cid.codec() == Cid.RAW) {
                leaves.add(cid);
            }
            blocks.add(block);
        });
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(importer, sha)) {
            Keystream.write(size, out);
        }
        Cid root = importer.finish();

        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(vector.path("sha256").asString());
        assertThat(root.toString()).isEqualTo(vector.path("cid").asString());
        assertThat(leaves).hasSize(vector.path("leaves").asInt());
        if (vector.has("firstLeafCid")) {
            assertThat(leaves.get(0).toString()).isEqualTo(vector.path("firstLeafCid").asString());
            assertThat(leaves.get(leaves.size() - 1).toString()).isEqualTo(vector.path("lastLeafCid").asString());
            byte[] rootBlock = blocks.get(blocks.size() - 1);
            assertThat(rootBlock).hasSize(vector.path("rootBlockLength").asInt());
            if (vector.has("rootBlockHex")) {
                assertThat(HexFormat.of().formatHex(rootBlock)).isEqualTo(vector.path("rootBlockHex").asString());
            }
        }
    }
}
