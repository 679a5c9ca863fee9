package market.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import market.registry.event.DataRemoved;
import market.registry.event.DataTypeAdded;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

    private final SingleObjectCodec codec = SingleObjectCodec.standard();

    @Test
    void writesTheSpecHeaderAndFingerprint() {
        DataRemoved removed = new DataRemoved(42L, "0xabc", Instant.ofEpochMilli(1000));
        byte[] bytes = codec.encode(removed);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(SingleObjectCodec.fingerprint(bytes))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(DataRemoved.getClassSchema()));
    }

    @Test
    void roundTripsSeveralTypesOnOneStream() {
        DataTypeAdded added = new DataTypeAdded(1L, "weather", "0xabc", 2L, List.of("city", "day"),
                Instant.ofEpochMilli(5000));
        DataRemoved removed = new DataRemoved(42L, "0xabc", Instant.ofEpochMilli(1000));
        assertThat(codec.decode(codec.encode(added))).isEqualTo(added);
        assertThat(codec.decode(codec.encode(removed))).isEqualTo(removed);
    }

    @Test
    void decodesAStringThatRecursAsOneInstance() {
        // the definer recurs; built apart so the two records start with distinct but equal strings
        DataTypeAdded first = new DataTypeAdded(1L, "weather", new String("0xabc"), 2L,
                List.of(new String("city"), "day"), Instant.ofEpochMilli(5000));
        DataTypeAdded second = new DataTypeAdded(2L, "traffic", new String("0xabc"), 1L, List.of(new String("city")),
                Instant.ofEpochMilli(6000));
        DataTypeAdded one = (DataTypeAdded) codec.decode(codec.encode(first));
        DataTypeAdded other = (DataTypeAdded) codec.decode(codec.encode(second));
        assertThat(one).isEqualTo(first);
        assertThat(other).isEqualTo(second);
        assertThat(other.getDefiner()).isSameAs(one.getDefiner());
        // strings inside arrays too
        assertThat(other.getDetailFields().get(0)).isSameAs(one.getDetailFields().get(0));
    }

    @Test
    void matchesAvrosOwnSingleObjectEncoder() throws Exception {
        DataRemoved removed = new DataRemoved(42L, "0xabc", Instant.ofEpochMilli(1000));
        byte[] avros = DataRemoved.getEncoder().encode(removed).array();
        assertThat(codec.encode(removed)).isEqualTo(avros);
    }

    @Test
    void rejectsAnUnknownFingerprintClearly() {
        byte[] bytes = codec.encode(new DataRemoved(1L, "0xabc", Instant.EPOCH));
        bytes[5] ^= 0x55;
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(SingleObjectCodec.UndecodableException.class)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void rejectsBytesWithoutTheMarker() {
        assertThatThrownBy(() -> codec.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(SingleObjectCodec.UndecodableException.class)
                .hasMessageContaining("C3 01");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] bytes = codec.encode(new DataTypeAdded(1L, "weather", "0xabc", 1L, List.of("city"), Instant.EPOCH));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        assertThatThrownBy(() -> codec.decode(truncated))
                .isInstanceOf(SingleObjectCodec.UndecodableException.class);
    }
}
