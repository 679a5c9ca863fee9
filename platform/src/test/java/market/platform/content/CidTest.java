package market.platform.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CidTest {

    /** The CID IPFS gives the empty block under the raw codec, as printed by kubo and the JS tools alike. */
    private static final String EMPTY_RAW = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    @Test
    void printsAndParsesTheIpfsForm() {
        Cid empty = Cid.of(Cid.RAW, new byte[0]);

        assertThat(empty.toString()).isEqualTo(EMPTY_RAW);
        assertThat(Cid.parse(EMPTY_RAW)).isEqualTo(empty);
        assertThat(Cid.fromBytes(empty.bytes())).isEqualTo(empty);
    }

    @Test
    void aFileOfOneChunkIsItsRawLeaf() {
        assertThat(UnixFsImporter.cidOf("hello world".getBytes(StandardCharsets.US_ASCII)).toString())
                .isEqualTo("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Test
    void encodesBase32AsRfc4648LowerCaseWithoutPadding() {
        // RFC 4648 section 10 test vectors, in lower case
        String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
            {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
        for (String[] vector : vectors) {
            byte[] plain = vector[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(Cid.base32Encode(plain)).isEqualTo(vector[1]);
            assertThat(Cid.base32Decode(vector[1])).isEqualTo(plain);
        }
    }

    @Test
    void namesTheCodecInTheText() {
        Cid node = Cid.of(Cid.DAG_PB, new byte[] {1, 2, 3});

        assertThat(node.toString()).startsWith("bafybei");
        assertThat(Cid.parse(node.toString()).codec()).isEqualTo(Cid.DAG_PB);
    }

    @Test
    void matchesOnlyItsOwnBytes() {
        Cid cid = Cid.of(Cid.RAW, new byte[] {7});

        assertThat(cid.matches(new byte[] {7})).isTrue();
        assertThat(cid.matches(new byte[] {8})).isFalse();
    }

    @Test
    void refusesWhatItDoesNotSupport() {
        assertThatThrownBy(() -> Cid.parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse("b" + "a".repeat(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse("bafkrei!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse(EMPTY_RAW.substring(0, 40))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cid.isCid("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk")).isFalse();
    }
}
