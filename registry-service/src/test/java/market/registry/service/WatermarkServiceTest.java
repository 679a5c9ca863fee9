package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.registry.datashare.watermark.WatermarkFixtures;
import org.junit.jupiter.api.Test;

/** Embedding and extraction over HTTP: a provider's mark goes in under its custody key, and comes out by name. */
class WatermarkServiceTest extends RegistryServiceTestBase {

    private final Wallet provider = Wallet.create();

    @Test
    void aMarkEmbeddedForAPublishedProductIsExtractedByName() throws Exception {
        String productId = uniqueName("marked");
        publish(productId);
        byte[] table = WatermarkFixtures.table(7, 800).getBytes(StandardCharsets.UTF_8);
        SignedHttp.Response embedded = expect(http.post(provider, "/v1/datashare/watermark/embed",
                Map.of("productID", productId, "watermarkType", "blind", "file", Base64.getEncoder().encodeToString(table))), 200);
        String mark = "did:ethr:" + provider.address() + "_" + productId;
        assertThat(embedded.json().get("watermark").stringValue()).isEqualTo(mark);
        byte[] marked = Base64.getDecoder().decode(embedded.json().get("file").stringValue());
        assertThat(marked).isNotEqualTo(table);

        HttpResponse<String> found = extract(WatermarkFixtures.shuffleAndDelete(marked, 0.2, 7));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).isEqualTo("{\"watermark\":\"" + mark + "\"}");

        HttpResponse<String> image = extract(WatermarkFixtures.png(WatermarkFixtures.image(3, 200, 200)));
        assertThat(image.statusCode()).isEqualTo(404);
        assertThat(image.body()).contains("\"errorCode\":\"REGISTRY.NO_WATERMARK\"").contains("no watermark found");
        assertThat(extract(table).statusCode()).isEqualTo(404);
        assertWatermarkKeyOnNoTopic();
    }

    /** The provider's watermark key, opened from custody, appears in no registry record. */
    private void assertWatermarkKeyOnNoTopic() {
        var created = market.platform.testing.TopicReader.readAll(bootstrapServers(), market.schemas.Topics.REGISTRY_EVENTS.name())
                .stream().map(r -> (org.apache.avro.specific.SpecificRecord) market.schemas.SingleObjectCodec.standard().decode(r.value()))
                .filter(market.registry.event.WatermarkKeyCreated.class::isInstance)
                .map(market.registry.event.WatermarkKeyCreated.class::cast)
                .filter(e -> e.getProvider().equals(provider.address())).toList();
        assertThat(created).hasSize(1);
        byte[] key = market.registry.custody.KeyCustody.load(null, dataDir()).openSecret("watermark-key", provider.address(),
                new market.registry.dataset.domain.WrappedKey(market.schemas.AvroBytes.of(created.get(0).getSealedWatermarkKey()),
                        created.get(0).getCustodyKeyId()));
        for (var topic : market.schemas.Topics.ownedBy(market.schemas.Topics.REGISTRY)) {
            for (var record : market.platform.testing.TopicReader.readAll(bootstrapServers(), topic.name())) {
                assertThat(RegistryFlowTest.indexOf(record.value(), key)).as("watermark key in %s", topic.name()).isEqualTo(-1);
            }
        }
    }

    @Test
    void refusesBadFilesAndUnsignedEmbeds() throws Exception {
        assertThat(http.send("POST", "/v1/datashare/watermark/embed", "{}".getBytes(StandardCharsets.UTF_8), null).status())
                .isEqualTo(401);
        assertThat(expect(http.post(provider, "/v1/datashare/watermark/embed",
                Map.of("productID", "p", "watermarkType", "blind", "file", "%%%")), 400).errorCode())
                .isEqualTo("REQUEST.INVALID_BASE64");
        assertThat(expect(http.post(provider, "/v1/datashare/watermark/embed",
                Map.of("productID", "p", "watermarkType", "faint", "file", "YQ==")), 400).errorCode())
                .isEqualTo("REQUEST.INVALID_FIELD");
        SignedHttp.Response small = expect(http.post(provider, "/v1/datashare/watermark/embed", Map.of("productID", "p",
                "watermarkType", "blind", "file", Base64.getEncoder().encodeToString("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))), 400);
        assertThat(small.errorCode()).isEqualTo("REGISTRY.CANNOT_WATERMARK");
        assertThat(small.errorMsg()).endsWith("numeric fields to carry a blind watermark; it needs 400 (more rows or numeric columns)");
        byte[] eightMiB = new byte[8 << 20];
        java.util.Arrays.fill(eightMiB, (byte) 'a');
        assertThat(expect(http.post(provider, "/v1/datashare/watermark/embed", Map.of("productID", "p",
                "watermarkType", "blind", "file", Base64.getEncoder().encodeToString(eightMiB))), 400)
                .errorCode()).isEqualTo("REGISTRY.CANNOT_WATERMARK");
        assertThat(expect(http.post(provider, "/v1/datashare/watermark/embed", Map.of("productID", "p",
                "watermarkType", "blind", "file", Base64.getEncoder().encodeToString(new byte[(8 << 20) + 1]))), 413)
                .errorCode()).isEqualTo("REQUEST.FILE_TOO_LARGE");
        HttpResponse<String> broken = extract(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 9});
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("REGISTRY.UNREADABLE_FILE");
        assertThat(expect(http.post(provider, "/v1/datashare/watermark/embed", Map.of("productID", "bad id",
                "watermarkType", "blind", "file", "YQ==")), 400).errorCode()).isEqualTo("REQUEST.INVALID_FIELD");
        // nothing that was refused kept a watermark key for this provider
        assertThat(market.platform.testing.TopicReader.readAll(bootstrapServers(), market.schemas.Topics.REGISTRY_EVENTS.name())
                .stream().filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(provider.address()))
                .toList()).isEmpty();
    }

    private void publish(String productId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", provider.address());
        body.put("productName", "sales");
        body.put("productID", productId);
        body.put("dataHash", Hashes.sha256Hex(new byte[] {1}));
        body.put("watermarkType", "blind");
        body.put("price", "1.0000 OSB");
        body.put("period", 30);
        body.put("fragments", List.of(Map.of("fragment_no", 1, "size", 1000, "hash_original", Hashes.sha256Hex(new byte[] {1}))));
        expect(http.post(provider, "/v1/datashare/dataset", body), 201);
    }

    private HttpResponse<String> extract(byte[] file) throws Exception {
        String boundary = "----market-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/datashare/dataset/watermark/extract"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
