package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import market.platform.crypto.Hashes;
import market.platform.crypto.KeyRelease;
import market.platform.crypto.abe.AbeAttributes;
import market.platform.crypto.abe.AbeCiphertext;
import market.platform.crypto.abe.AbeException;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.crypto.abe.CpAbe;
import market.platform.ids.DatasetAddress;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.WrappedKey;
import market.registry.event.AbeMasterKeyCreated;
import market.registry.event.DataShareClosed;
import market.registry.event.DataShareDescribed;
import market.schemas.AvroBytes;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The DataShare product API over a real broker: publish, store, query, close, and an ABE key release. */
class DataShareServiceTest extends RegistryServiceTestBase {

    static final String POLICY = "{\"threshold\" : 1,\"children\" : [{\"name\" : \"att1\", \"type\" : \"plain\","
            + "\"value\" : \"hello\"}, {\"name\" : \"policy\", \"type\" : \"policy\",\"value\" : {\"Threshold\" : 1,"
            + "\"Children\" : [{\"name\" : \"att3\", \"type\" :\"comparable\", \"value\" : {\"op\" : \">\", \"value\" : \"16\","
            + " \"maxValue\" : \"10000\"}}]}}]}";

    private final Wallet provider = Wallet.create();

    private Map<String, Object> publishBody(String productId, String category) {
        return publishBody(provider, productId, category);
    }

    /** The contract's example request, with the registration's fields and without cert, sk and plainData. */
    static Map<String, Object> publishBody(Wallet provider, String productId, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orgID", "ce0ac69b0c8648cd25b44a551780409767c8890b");
        body.put("channelID", "mychannel");
        body.put("cryptoMethod", "SW");
        body.put("timestamp", "2020-10-27T17:28:16+08:00");
        body.put("provider", "did:ethr:" + provider.address());
        body.put("providerName", "huawei");
        body.put("productName", "prodname " + productId);
        body.put("productID", productId);
        body.put("sampleName", "data_sub1");
        body.put("fileType", "csv");
        body.put("dataHash", Hashes.sha256Hex(new byte[] {1}));
        body.put("dataName", "mydata1");
        body.put("description", "this is my second prod");
        body.put("category", category);
        if (category.equals("abe")) {
            body.put("policy", POLICY);
        }
        body.put("watermarkType", "blind");
        body.put("price", "2.0000 OSB");
        body.put("period", 30);
        body.put("fragments", IntStream.rangeClosed(1, 2).mapToObj(n -> Map.<String, Object>of("fragment_no", n,
                "size", 1000, "hash_original", Hashes.sha256Hex(new byte[] {(byte) n}))).toList());
        body.put("samples", List.of(Map.of("fragment_no", 2, "sampleName", "data_sub1", "sampleType", "csv")));
        return body;
    }

    /** adddataend with a key for the data fragment only: the sample is stored unencrypted. */
    private static Map<String, Object> endBody(String key) {
        return Map.of("fragments", List.of(
                Map.of("fragment_no", 1, "cid", cid(1), "hash_encrypted", Hashes.sha256Hex(new byte[] {9}), "encrypt_key", key),
                Map.of("fragment_no", 2, "cid", cid(2), "hash_encrypted", Hashes.sha256Hex(new byte[] {2}))));
    }

    private long published(String productId, String category, String key) {
        if (category.equals("abe")) {
            expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200);
        }
        SignedHttp.Response published = expect(http.post(provider, "/v1/datashare/dataset", publishBody(productId, category)), 201);
        long dataId = published.json().get("data_id").longValue();
        expect(endOnceStored(http, provider, dataId, 2, endBody(key)), 200);
        chargeFee(provider.address(), dataId);
        awaitStatus(http, dataId, 0);
        return dataId;
    }

    @Test
    void aPublishedProductIsStoredQueriedAndClosed() {
        String productId = uniqueName("product");
        SignedHttp.Response published = expect(http.post(provider, "/v1/datashare/dataset", publishBody(productId, "symmetric")), 201);
        JsonNode view = published.json();
        assertThat(view.get("status").stringValue()).isEqualTo("registering");
        assertThat(view.get("provider").stringValue()).isEqualTo("did:ethr:" + provider.address());
        assertThat(view.get("sampleFiles").get(0).get("dataName").stringValue()).isEqualTo("data_sub1");
        assertThat(view.get("dataFiles")).hasSize(1);
        assertThat(view.get("price").stringValue()).isEqualTo("2.0000 OSB");
        long dataId = view.get("data_id").longValue();

        String key = "key-" + UUID.randomUUID();
        expect(endOnceStored(http, provider, dataId, 2, endBody(key)), 200);
        chargeFee(provider.address(), dataId);
        awaitStatus(http, dataId, 0);
        JsonNode ready = expect(http.get("/v1/datashare/dataset?provider=did:ethr:" + provider.address()
                + "&productID=" + productId), 200).json();
        assertThat(ready.get("status").stringValue()).isEqualTo("ready");
        assertThat(ready.get("sampleUrl").stringValue()).isEqualTo("ipfs://" + cid(2));
        assertThat(ready.get("encryptData").stringValue()).isEqualTo("ipfs://" + cid(1));
        assertThat(ready.get("address").stringValue()).isEqualTo(DatasetAddress.of(dataId));

        JsonNode listed = expect(http.get("/v1/datashare/datasets?provider=" + provider.address()
                + "&searchText=" + productId.toUpperCase() + "&status=ready&currentPage=1&pageSizeNum=5"), 200).json();
        assertThat(listed.get("total").longValue()).isEqualTo(1);
        assertThat(listed.get("datasets").get(0).get("productID").stringValue()).isEqualTo(productId);

        JsonNode closed = expect(http.signed(provider, "PUT", "/v1/datashare/dataset",
                json(Map.of("productID", productId, "status", "closed"))), 200).json();
        assertThat(closed.get("status").stringValue()).isEqualTo("closed");
        assertThat(expect(http.signed(provider, "PUT", "/v1/datashare/dataset",
                json(Map.of("productID", productId, "status", "closed"))), 409).errorCode()).isEqualTo("REGISTRY.PRODUCT_CLOSED");
        assertThat(expect(http.get("/v1/datashare/datasets?provider=" + provider.address() + "&status=ready"), 200)
                .json().get("total").longValue()).isZero();
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", publishBody(productId, "symmetric")), 409)
                .errorCode()).isEqualTo("REGISTRY.PRODUCT_EXISTS");
        assertThat(eventsOf(Long.toString(dataId))).filteredOn(e -> e instanceof DataShareDescribed || e instanceof DataShareClosed)
                .hasSize(2);
        assertThat(String.join("\n", TopicReader.readAll(bootstrapServers(), Topics.REGISTRY_EVENTS.name()).stream()
                .map(r -> new String(r.value(), StandardCharsets.ISO_8859_1)).toList())).doesNotContain(key);
    }

    @Test
    void anAbeProductMakesTheMasterKeyAndReleasesItsKeySealedUnderThePolicy() throws Exception {
        String productId = uniqueName("abe");
        String key = "key-" + UUID.randomUUID();
        long dataId = published(productId, "abe", key);
        JsonNode view = expect(http.get("/v1/datashare/dataset?provider=" + provider.address() + "&productID=" + productId), 200).json();
        assertThat(view.get("category").stringValue()).isEqualTo("abe");
        assertThat(view.get("policy").stringValue()).startsWith("{\"Threshold\":1,\"Children\":[");
        expect(http.get("/v1/datashare/abe-setup/" + provider.address()), 200);

        Wallet buyer = Wallet.create();
        completeDeal(dataId, buyer);
        JsonNode released = awaitKeys(buyer, dataId);
        byte[] box = Hashes.fromHex(released.get("keys").get(0).get("wrapped_key").stringValue());
        assertThat(released.get("keys")).hasSize(1);
        byte[] sealed = buyer.decrypt(box, KeyRelease.context(dataId, 1));
        AbeMasterKey master = master(provider.address());
        var matching = CpAbe.keyGen(master, AbeAttributes.read(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"17\"}]")));
        assertThat(new String(CpAbe.decrypt(matching, AbeCiphertext.decode(sealed)), StandardCharsets.UTF_8)).isEqualTo(key);
        var other = CpAbe.keyGen(master, AbeAttributes.read(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"16\"}]")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CpAbe.decrypt(other, AbeCiphertext.decode(sealed)))
                .isInstanceOf(AbeException.class);

        // the buyer's own attribute key, applied for and issued through the API, opens it too
        assertThat(new String(CpAbe.decrypt(issuedKey(buyer, "seq-1", "17", "17"), AbeCiphertext.decode(sealed)),
                StandardCharsets.UTF_8)).isEqualTo(key);
        // a key granted with other attributes than asked for does not
        var downgraded = issuedKey(buyer, "seq-2", "17", "3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CpAbe.decrypt(downgraded, AbeCiphertext.decode(sealed)))
                .isInstanceOf(AbeException.class);
    }

    @Test
    void aRefusedKeyOrderIsCanceledAndOnlyItsBuyerReadsAnOrder() {
        expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200);
        Wallet buyer = Wallet.create();
        apply(buyer, "seq-r", "5");
        JsonNode refused = expect(http.post(provider, "/v1/datashare/abekey-orders/authorize",
                Map.of("consumer", buyer.address(), "orderSeq", "seq-r", "approve", false, "reason", "not a member")), 200).json();
        assertThat(refused.get("status").stringValue()).isEqualTo("canceled");
        assertThat(refused.get("refusal").stringValue()).isEqualTo("not a member");
        assertThat(expect(http.get("/v1/datashare/abekey-orders?provider=" + provider.address() + "&status=canceled"), 200)
                .json().get("orders").get(0).get("orderSeq").stringValue()).isEqualTo("seq-r");
        assertThat(expect(http.signed(Wallet.create(), "GET", "/v1/datashare/abekey-orders/" + provider.address() + "/seq-r",
                new byte[0]), 404).errorCode()).isEqualTo("REGISTRY.ORDER_NOT_FOUND");
        assertThat(expect(http.post(provider, "/v1/datashare/abekey-orders/authorize",
                Map.of("consumer", buyer.address(), "orderSeq", "seq-r", "approve", true)), 409).errorCode())
                .isEqualTo("REGISTRY.ORDER_DECIDED");
        Map<String, Object> forged = new LinkedHashMap<>(Map.of("provider", provider.address(), "orderSeq", "seq-x",
                "buyer_key", Hashes.toHex0x(Wallet.create().publicKey()), "attributes", List.of()));
        assertThat(expect(http.post(buyer, "/v1/datashare/abekey-orders", forged), 400).errorCode())
                .isEqualTo("REGISTRY.BUYER_KEY_MISMATCH");
        forged.put("buyer_key", Hashes.toHex0x(buyer.publicKey()));
        forged.put("attributes", List.of(Map.of("name", "att3", "type", "comparable", "value", "x")));
        SignedHttp.Response badAttributes = expect(http.post(buyer, "/v1/datashare/abekey-orders", forged), 400);
        assertThat(badAttributes.errorCode()).isEqualTo("REGISTRY.INVALID_ATTRIBUTES");
        assertThat(badAttributes.errorMsg()).isEqualTo("attributes[0].value 'x' is not an integer");
    }

    private void apply(Wallet buyer, String orderSeq, String att3) {
        JsonNode applied = expect(http.post(buyer, "/v1/datashare/abekey-orders", Map.of("provider",
                "did:ethr:" + provider.address(), "orderSeq", orderSeq, "buyer_key", Hashes.toHex0x(buyer.publicKey()),
                "reason", "research", "attributes", List.of(Map.of("name", "att3", "type", "comparable", "value", att3)))),
                201).json();
        assertThat(applied.get("status").stringValue()).isEqualTo("request");
        assertThat(applied.has("sealedUserKey")).isFalse();
    }

    /** Applies as {@code buyer}, has the provider grant {@code granted}, and opens the issued key with the buyer's wallet. */
    private market.platform.crypto.abe.AbeUserKey issuedKey(Wallet buyer, String orderSeq, String asked, String granted) {
        apply(buyer, orderSeq, asked);
        JsonNode issued = expect(http.post(provider, "/v1/datashare/abekey-orders/authorize", Map.of("consumer",
                buyer.address(), "orderSeq", orderSeq, "approve", true,
                "attributes", List.of(Map.of("name", "att3", "type", "comparable", "value", granted)))), 200).json();
        assertThat(issued.get("status").stringValue()).isEqualTo("finished");
        assertThat(issued.has("sealedUserKey")).isFalse();
        JsonNode own = expect(http.signed(buyer, "GET", "/v1/datashare/abekey-orders/" + provider.address() + "/" + orderSeq,
                new byte[0]), 200).json();
        byte[] box = Hashes.fromHex(own.get("sealedUserKey").stringValue());
        return market.platform.crypto.abe.AbeUserKey.decode(buyer.decrypt(box,
                market.platform.crypto.abe.UserKeyDelivery.context(provider.address(), buyer.address(), orderSeq)));
    }

    @Test
    void refusesPrivateKeysPlainDataOtherProvidersAndBadPolicies() {
        String productId = uniqueName("bad");
        Map<String, Object> withSk = publishBody(productId, "symmetric");
        withSk.put("sk", "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----");
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", withSk), 400).errorCode())
                .isEqualTo("REQUEST.PRIVATE_KEY_REFUSED");
        Map<String, Object> withData = publishBody(productId, "symmetric");
        withData.put("plainData", "aGVsbG8=");
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", withData), 400).errorMsg())
                .startsWith("with plainData or file the registry stores the data as one fragment");
        assertThat(expect(http.post(Wallet.create(), "/v1/datashare/dataset", publishBody(productId, "symmetric")), 403)
                .errorCode()).isEqualTo("REGISTRY.PROVIDER_NOT_SIGNER");
        Map<String, Object> badPolicy = publishBody(productId, "abe");
        badPolicy.put("policy", Map.of("Threshold", 2, "Children", List.of(Map.of("name", "a", "type", "plain", "value", "x"))));
        SignedHttp.Response refused = expect(http.post(provider, "/v1/datashare/dataset", badPolicy), 400);
        assertThat(refused.errorCode()).isEqualTo("REGISTRY.INVALID_POLICY");
        assertThat(refused.errorMsg()).isEqualTo("policy.Threshold 2 is above its 1 children");
        Map<String, Object> badMethod = publishBody(productId, "symmetric");
        badMethod.put("cryptoMethod", "RSA");
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", badMethod), 400).errorCode())
                .isEqualTo("REQUEST.INVALID_FIELD");
        Map<String, Object> abeWithout = publishBody(productId, "abe");
        abeWithout.remove("policy");
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", abeWithout), 400).errorMsg())
                .isEqualTo("category abe needs a policy");
        SignedHttp.Response noMaster = expect(http.post(provider, "/v1/datashare/dataset", publishBody(productId, "abe")), 409);
        assertThat(noMaster.errorCode()).isEqualTo("REGISTRY.ABE_NOT_SET_UP");
        Map<String, Object> never = publishBody(productId, "abe");
        never.put("policy", Map.of("Threshold", 1, "Children", List.of(Map.of("name", "age", "type", "comparable",
                "value", Map.of("op", "<", "value", "0", "maxValue", "9")))));
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", never), 400).errorMsg())
                .isEqualTo("policy can never be satisfied");
        Map<String, Object> nullSk = publishBody(productId, "symmetric");
        nullSk.put("sk", null);
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", nullSk), 400).errorCode())
                .isEqualTo("REQUEST.PRIVATE_KEY_REFUSED");
        Map<String, Object> longText = publishBody(productId, "symmetric");
        longText.put("description", "x".repeat(2000));
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", longText), 400).errorMsg())
                .isEqualTo("description is at most 1024 characters");
        Map<String, Object> huge = publishBody(productId, "symmetric");
        huge.put("description", "x".repeat(13 << 20));
        assertThat(expect(http.post(provider, "/v1/datashare/dataset", huge), 413).errorCode()).isEqualTo("REQUEST.TOO_LARGE");
        assertThat(eventsOf(provider.address())).isEmpty();
        assertThat(http.send("POST", "/v1/datashare/dataset", json(publishBody(productId, "symmetric")), null).status())
                .isEqualTo(401);
        assertThat(expect(http.get("/v1/datashare/datasets?status=open"), 400).errorCode()).isEqualTo("REQUEST.INVALID_PARAMETER");
        assertThat(expect(http.get("/v1/datashare/dataset?provider=" + provider.address()), 400).errorCode())
                .isEqualTo("REQUEST.MISSING_PARAMETER");
        assertThat(expect(http.get("/v1/datashare/dataset?provider=" + provider.address() + "&productID=" + productId), 404)
                .errorCode()).isEqualTo("REGISTRY.PRODUCT_NOT_FOUND");
        assertThat(eventsOf(Long.toString(market.platform.ids.Ids.derive("datashare", provider.address(), productId)))).isEmpty();
    }

    /** A publish that carries its data: no fragments, samples, hash or watermark of its own. */
    private Map<String, Object> plainBody(String productId, String plainData) {
        Map<String, Object> body = publishBody(productId, "symmetric");
        body.remove("fragments");
        body.remove("samples");
        body.remove("dataHash");
        body.remove("watermarkType");
        body.put("plainData", plainData);
        return body;
    }

    @Test
    void aPublishWithPlainDataStagesOnlyCiphertextUnderAFreshSealedKey() throws Exception {
        String productId = uniqueName("plain");
        byte[] plain = ("city,temperature\n" + "oslo,-3\n".repeat(20_000) + "secret-row-" + productId + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, Object> body = plainBody(productId, java.util.Base64.getEncoder().encodeToString(plain));
        body.put("dataHash", Hashes.sha256Hex(plain).toUpperCase());
        body.put("dataSize", Integer.toString(plain.length));
        JsonNode view = expect(http.post(provider, "/v1/datashare/dataset", body), 201).json();
        long dataId = view.get("data_id").longValue();
        assertThat(view.get("status").stringValue()).isEqualTo("registering");
        assertThat(view.get("dataHash").stringValue()).isEqualTo(Hashes.sha256Hex(plain));
        assertThat(view.get("dataSize").stringValue()).isEqualTo(Integer.toString(plain.length));
        assertThat(view.get("sampleFiles")).isEmpty();

        market.registry.event.DataShareStaged staged = eventsOf(Long.toString(dataId)).stream()
                .filter(market.registry.event.DataShareStaged.class::isInstance)
                .map(market.registry.event.DataShareStaged.class::cast).findFirst().orElseThrow();
        var fragment = staged.getFragments().get(0);
        assertThat(staged.getUploader()).isNotEqualTo(provider.address()).matches("0x[0-9a-f]{40}");
        // the staged folder holds the ciphertext the event names, and nothing else
        java.nio.file.Path folder = dataDir().resolve("staged").resolve(dataId + "-" + fragment.getCid());
        byte[] ciphertext = java.nio.file.Files.readAllBytes(folder.resolve("fragment-1.enc"));
        assertThat(ciphertext).hasSize((int) fragment.getSizeEncrypted());
        assertThat(market.platform.content.UnixFsImporter.cidOf(ciphertext).toString()).isEqualTo(fragment.getCid());
        assertThat(Hashes.sha256Hex(ciphertext)).isEqualTo(fragment.getHashEncrypted());
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("secret-row-");
        // the custody key opens the fragment key, which decrypts the ciphertext to the data
        String key = KeyCustody.load(null, dataDir()).unwrap(dataId, 1,
                new WrappedKey(AvroBytes.of(fragment.getWrappedKey()), fragment.getCustodyKeyId()));
        try (var in = market.platform.crypto.SegmentedAead.decrypting(Hashes.fromHex(key),
                market.platform.crypto.SegmentedAead.fragmentContext(dataId, 1), new java.io.ByteArrayInputStream(ciphertext))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        // the data is in no command, event or reply of the registry, plain or as the Base64 it came in
        byte[] marker = ("secret-row-" + productId).getBytes(StandardCharsets.UTF_8);
        for (var topic : List.of(Topics.REGISTRY_COMMANDS, Topics.REGISTRY_EVENTS, Topics.REGISTRY_REPLIES)) {
            for (var record : TopicReader.readAll(bootstrapServers(), topic.name())) {
                assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).as(topic.name())
                        .doesNotContain(new String(marker, StandardCharsets.ISO_8859_1))
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString(plain).substring(0, 64));
            }
        }
        // the same product again is refused, and its second staging is deleted
        expect(http.post(provider, "/v1/datashare/dataset", plainBody(productId, "aGVsbG8=")), 409);
        try (var folders = java.nio.file.Files.list(dataDir().resolve("staged"))) {
            assertThat(folders.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(dataId + "-")).toList())
                    .containsExactly(folder.getFileName().toString());
        }
    }

    @Test
    void badPlainDataIsRefusedAndNothingIsWrittenOrStaged() throws Exception {
        String productId = uniqueName("badplain");
        record Case(Map<String, Object> body, int status, String errorCode) {}
        Map<String, Object> mismatch = plainBody(productId, "aGVsbG8=");
        mismatch.put("dataHash", Hashes.sha256Hex(new byte[] {1}));
        Map<String, Object> wrongSize = plainBody(productId, "aGVsbG8=");
        wrongSize.put("dataSize", "6");
        Map<String, Object> fileUnmarked = plainBody(productId, null);
        fileUnmarked.remove("plainData");
        fileUnmarked.put("file", "aGVsbG8=");
        Map<String, Object> notAnImage = new LinkedHashMap<>(fileUnmarked);
        notAnImage.put("watermarkType", "blind");
        Map<String, Object> withSk = plainBody(productId, "aGVsbG8=");
        withSk.put("sk", "x");
        Map<String, Object> withSamples = plainBody(productId, "aGVsbG8=");
        withSamples.put("samples", List.of());
        byte[] tooLarge = new byte[(8 << 20) + 1];
        List<Case> cases = List.of(
                new Case(plainBody(productId, "not base64!"), 400, "REQUEST.INVALID_BASE64"),
                new Case(plainBody(productId, "aGVs\nbG8="), 400, "REQUEST.INVALID_BASE64"),
                new Case(plainBody(productId, ""), 400, "REQUEST.INVALID_FIELD"),
                new Case(plainBody(productId, java.util.Base64.getEncoder().encodeToString(tooLarge)), 413,
                        "REGISTRY.PLAIN_DATA_TOO_LARGE"),
                new Case(plainBody(productId, "A".repeat(13 << 20)), 413, "REQUEST.TOO_LARGE"),
                new Case(mismatch, 400, "REGISTRY.DATA_HASH_MISMATCH"),
                new Case(wrongSize, 400, "REQUEST.INVALID_FIELD"),
                new Case(fileUnmarked, 400, "REQUEST.INVALID_FIELD"),
                new Case(notAnImage, 400, "REGISTRY.CANNOT_WATERMARK"),
                new Case(withSk, 400, "REQUEST.PRIVATE_KEY_REFUSED"),
                new Case(withSamples, 400, "REQUEST.INVALID_FIELD"));
        for (Case c : cases) {
            SignedHttp.Response refused = expect(http.post(provider, "/v1/datashare/dataset", c.body()), c.status());
            assertThat(refused.errorCode()).as(refused.errorMsg()).isEqualTo(c.errorCode());
            assertThat(refused.errorMsg()).isNotBlank();
        }
        long dataId = market.platform.ids.Ids.dataShareProduct(provider.address(), productId);
        assertThat(eventsOf(Long.toString(dataId))).isEmpty();
        java.nio.file.Path staged = dataDir().resolve("staged");
        if (java.nio.file.Files.exists(staged)) {
            try (var folders = java.nio.file.Files.list(staged)) {
                assertThat(folders.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(dataId + "-")))
                        .isEmpty();
            }
        }
    }

    @Test
    void aPlainDataPublishTheRegistrationWouldRefuseIsRefusedBeforeItIsMarkedOrStored() throws Exception {
        // a provider with no watermark key yet: marking its file would keep one
        Wallet fresh = Wallet.create();
        String productId = uniqueName("refusedplain");
        StringBuilder csv = new StringBuilder("city,temperature\n");
        for (int i = 0; i < 60; i++) {
            csv.append("city").append(i).append(',').append(i - 20).append('\n');
        }
        java.util.function.Supplier<Map<String, Object>> marked = () -> {
            Map<String, Object> body = publishBody(fresh, productId, "symmetric");
            body.remove("fragments");
            body.remove("samples");
            body.remove("dataHash");
            body.put("watermarkType", "visible");
            body.put("file", java.util.Base64.getEncoder().encodeToString(csv.toString().getBytes(StandardCharsets.UTF_8)));
            return body;
        };
        Map<String, Object> noPeriod = marked.get();
        noPeriod.put("period", 0);
        Map<String, Object> abeWithoutKey = marked.get();
        abeWithoutKey.put("category", "abe");
        abeWithoutKey.put("policy", POLICY);
        long dataId = market.platform.ids.Ids.dataShareProduct(fresh.address(), productId);

        assertThat(expect(http.post(fresh, "/v1/datashare/dataset", noPeriod), 400).errorCode())
                .isEqualTo("REGISTRY.INVALID_PERIOD");
        assertThat(expect(http.post(fresh, "/v1/datashare/dataset", abeWithoutKey), 409).errorCode())
                .isEqualTo("REGISTRY.ABE_NOT_SET_UP");
        assertThat(eventsOf(fresh.address())).as("no watermark key kept").isEmpty();
        assertThat(eventsOf(Long.toString(dataId))).isEmpty();

        // a product published before: the second publish is refused before its file is marked
        Map<String, Object> first = marked.get();
        first.remove("watermarkType");
        first.put("plainData", first.remove("file"));
        expect(http.post(fresh, "/v1/datashare/dataset", first), 201);
        int published = eventsOf(Long.toString(dataId)).size();
        assertThat(expect(http.post(fresh, "/v1/datashare/dataset", marked.get()), 409).errorCode())
                .isEqualTo("REGISTRY.PRODUCT_EXISTS");
        assertThat(eventsOf(fresh.address())).as("no watermark key kept").isEmpty();
        assertThat(eventsOf(Long.toString(dataId))).hasSize(published);
        try (var folders = java.nio.file.Files.list(dataDir().resolve("staged"))) {
            assertThat(folders.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(dataId + "-")))
                    .as("the first publish's staged copy only").hasSize(1);
        }
    }

    @Test
    void everyDataShareWriteRefusesUnsignedForgedAndReplayedRequestsAndWritesNothing() {
        Wallet victim = Wallet.create();
        String productId = uniqueName("signed");
        Map<String, byte[]> writes = new LinkedHashMap<>();
        writes.put("POST /v1/datashare/dataset", json(publishBody(victim, productId, "symmetric")));
        writes.put("PUT /v1/datashare/dataset", json(Map.of("productID", productId, "status", "closed")));
        writes.put("POST /v1/datashare/abe-setup", json(Map.of()));
        writes.put("POST /v1/datashare/abekey-orders", json(Map.of("provider", provider.address(), "orderSeq", "s-1",
                "buyer_key", Hashes.toHex0x(victim.publicKey()), "attributes", List.of())));
        writes.put("POST /v1/datashare/abekey-orders/authorize", json(Map.of("consumer", provider.address(),
                "orderSeq", "s-1", "approve", false)));
        writes.put("POST /v1/datashare/watermark/embed", json(Map.of("productID", productId, "watermarkType", "blind",
                "file", "aGVsbG8=")));
        Wallet attacker = Wallet.create();
        writes.forEach((write, body) -> {
            String method = write.substring(0, write.indexOf(' '));
            String path = write.substring(write.indexOf(' ') + 1);
            assertThat(expect(http.send(method, path, body, null), 401).errorCode()).as(write).isEqualTo("AUTH.UNSIGNED");
            // the victim's address with the attacker's signature
            var theirs = attacker.signRequest(method, path, body, java.time.Clock.systemUTC());
            var forged = new market.platform.signing.RequestSignature.SignedHeaders(victim.address(), theirs.timestamp(),
                    theirs.nonce(), theirs.signature());
            assertThat(expect(http.send(method, path, body, forged), 401).errorCode()).as(write)
                    .isEqualTo("AUTH.BAD_SIGNATURE");
            // a signature over another body
            var other = victim.signRequest(method, path, json(Map.of("other", 1)), java.time.Clock.systemUTC());
            assertThat(expect(http.send(method, path, body, other), 401).errorCode()).as(write)
                    .isEqualTo("AUTH.BAD_SIGNATURE");
        });
        // replayed: the first delivery is answered on its merits, the second refused before any rule
        var headers = victim.signRequest("POST", "/v1/datashare/abe-setup", writes.get("POST /v1/datashare/abe-setup"),
                java.time.Clock.systemUTC());
        expect(http.send("POST", "/v1/datashare/abe-setup", writes.get("POST /v1/datashare/abe-setup"), headers), 200);
        var embed = writes.get("POST /v1/datashare/watermark/embed");
        var once = victim.signRequest("POST", "/v1/datashare/watermark/embed", embed, java.time.Clock.systemUTC());
        assertThat(http.send("POST", "/v1/datashare/watermark/embed", embed, once).status()).isNotEqualTo(401);
        int eventsOfVictim = eventsOf(victim.address()).size();
        assertThat(expect(http.send("POST", "/v1/datashare/abe-setup", writes.get("POST /v1/datashare/abe-setup"),
                headers), 401).errorCode()).isEqualTo("AUTH.NONCE_REUSED");
        assertThat(expect(http.send("POST", "/v1/datashare/watermark/embed", embed, once), 401).errorCode())
                .isEqualTo("AUTH.NONCE_REUSED");
        assertThat(eventsOf(victim.address())).hasSize(eventsOfVictim);
        assertThat(eventsOf(Long.toString(market.platform.ids.Ids.dataShareProduct(victim.address(), productId))))
                .isEmpty();
    }

    private static byte[] json(Object body) {
        return new tools.jackson.databind.ObjectMapper().writeValueAsBytes(body);
    }

    private AbeMasterKey master(String address) {
        AbeMasterKeyCreated created = TopicReader.readAll(bootstrapServers(), Topics.REGISTRY_EVENTS.name()).stream()
                .filter(record -> record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(address))
                .map(record -> (SpecificRecord) SingleObjectCodec.standard().decode(record.value()))
                .filter(AbeMasterKeyCreated.class::isInstance).map(AbeMasterKeyCreated.class::cast).findFirst().orElseThrow();
        return AbeMasterKey.decode(KeyCustody.load(null, dataDir()).openSecret("abe-master-key", address,
                new WrappedKey(AvroBytes.of(created.getSealedMasterKey()), created.getCustodyKeyId())));
    }

    /** Plays order-service: a completed deal of {@code buyer} on {@code order.events}. */
    private void completeDeal(long dataId, Wallet buyer) {
        Map<String, Object> config = new market.platform.runtime.KafkaClients(bootstrapServers()).producer("order-stand-in");
        String dataset = DatasetAddress.of(dataId);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(config)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.ORDER_EVENTS.name(), dataset,
                    SingleObjectCodec.standard().encode(new market.order.event.DealCompleted(dataset, dataId, 77L,
                            buyer.address(), provider.address(), 20_000L, Hashes.toHex0x(buyer.publicKey()),
                            java.time.Instant.now()))));
        }
    }

    private JsonNode awaitKeys(Wallet buyer, long dataId) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            SignedHttp.Response keys = http.signed(buyer, "GET", "/v1/data/" + dataId + "/keys", new byte[0]);
            if (keys.status() == 200 || System.nanoTime() > deadline) {
                return expect(keys, 200).json();
            }
            Thread.sleep(100);
        }
    }

    private static List<SpecificRecord> eventsOf(String key) {
        return TopicReader.readAll(bootstrapServers(), Topics.REGISTRY_EVENTS.name()).stream()
                .filter(record -> record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(key))
                .map(record -> (SpecificRecord) SingleObjectCodec.standard().decode(record.value()))
                .toList();
    }
}
