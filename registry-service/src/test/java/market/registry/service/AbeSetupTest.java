package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.WrappedKey;
import market.registry.event.AbeMasterKeyCreated;
import market.schemas.AvroBytes;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** abe-setup over a real broker: one master key a provider, kept sealed, never on a topic in the clear. */
class AbeSetupTest extends RegistryServiceTestBase {

    private final Wallet provider = Wallet.create();

    @Test
    void aProviderGetsOneMasterKeyNamedByItsId() {
        SignedHttp.Response first = expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200);
        String masterId = first.json().get("masterId").stringValue();
        assertThat(masterId).matches("0x[0-9a-f]{64}");
        assertThat(first.json().get("providerDID").stringValue()).isEqualTo("did:ethr:" + provider.address());

        SignedHttp.Response again = expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200);
        assertThat(again.json().get("masterId").stringValue()).isEqualTo(masterId);
        assertThat(expect(http.get("/v1/datashare/abe-setup/did:ethr:" + provider.address()), 200).json()
                .get("masterId").stringValue()).isEqualTo(masterId);
        assertThat(created(provider.address())).hasSize(1);
    }

    @Test
    void theMasterSecretIsOnNoTopicInTheClear() {
        expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200);
        AbeMasterKeyCreated created = created(provider.address()).get(0);
        byte[] secret = KeyCustody.load(null, dataDir()).openSecret("abe-master-key", provider.address(),
                new WrappedKey(AvroBytes.of(created.getSealedMasterKey()), created.getCustodyKeyId()));
        AbeMasterKey master = AbeMasterKey.decode(secret);
        assertThat(master.id()).isEqualTo(market.platform.crypto.Hashes.fromHex(created.getMasterId()));
        byte[] beta = Arrays.copyOfRange(secret, 4, 36);
        byte[] alpha = Arrays.copyOfRange(secret, 36, 68);
        for (Topic topic : Topics.ownedBy(Topics.REGISTRY)) {
            for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrapServers(), topic.name())) {
                assertThat(RegistryFlowTest.indexOf(record.value(), beta)).as("β in %s", topic.name()).isEqualTo(-1);
                assertThat(RegistryFlowTest.indexOf(record.value(), alpha)).as("α in %s", topic.name()).isEqualTo(-1);
            }
        }
    }

    @Test
    void refusesUnsignedRequestsBodiesWithFieldsAndUnknownProviders() {
        SignedHttp.Response unsigned = http.send("POST", "/v1/datashare/abe-setup", "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(unsigned.status()).isEqualTo(401);
        SignedHttp.Response withFields = expect(http.post(provider, "/v1/datashare/abe-setup",
                Map.of("sk", "-----BEGIN PRIVATE KEY-----")), 400);
        assertThat(withFields.errorCode()).isEqualTo("REQUEST.UNEXPECTED_BODY");
        SignedHttp.Response unknown = expect(http.get("/v1/datashare/abe-setup/" + Wallet.create().address()), 404);
        assertThat(unknown.errorCode()).isEqualTo("REGISTRY.ABE_NOT_SET_UP");
        assertThat(expect(http.get("/v1/datashare/abe-setup/did:ethr:nobody"), 400).errorCode())
                .isEqualTo("REQUEST.INVALID_PARAMETER");
        assertThat(created(provider.address())).isEmpty();
    }

    private static List<AbeMasterKeyCreated> created(String provider) {
        return TopicReader.readAll(bootstrapServers(), Topics.REGISTRY_EVENTS.name()).stream()
                .filter(record -> record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(provider))
                .map(record -> (SpecificRecord) SingleObjectCodec.standard().decode(record.value()))
                .filter(AbeMasterKeyCreated.class::isInstance).map(AbeMasterKeyCreated.class::cast).toList();
    }
}
