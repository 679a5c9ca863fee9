package market.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CidTest {

    @Test
    void matchesIpfsForTheEmptyBlock() {
        assertThat(Cid.ofRaw(new byte[0])).isEqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    @Test
    void matchesIpfsForHelloWorld() {
        assertThat(Cid.ofRaw("hello world".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Test
    void encodesBase32AsRfc4648LowerCaseWithoutPadding() {
        // RFC 4648 section 10 test vectors
        assertThat(Cid.base32("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(Cid.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("my");
        assertThat(Cid.base32("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxq");
        assertThat(Cid.base32("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6");
        assertThat(Cid.base32("foob".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6yq");
        assertThat(Cid.base32("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytb");
        assertThat(Cid.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
    }
}
