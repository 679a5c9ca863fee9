package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import market.platform.content.Cid;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.Hashes;
import market.platform.crypto.KeyRelease;
import market.platform.crypto.SegmentedAead;
import market.platform.money.Money;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import tools.jackson.databind.JsonNode;

/**
 * What the people of the marketplace do, as signed HTTP calls to a {@link MarketPlatform}: a
 * provider registers data and publishes an order, the operator deposits, a buyer buys and fetches
 * its keys. Waits poll the views, since sagas finish after the request that starts them.
 */
final class Flows {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MarketPlatform platform;

    Flows(MarketPlatform platform) {
        this.platform = platform;
    }

    void deposit(String account, String amount) {
        platform.settlement().post(platform.operator, "/v1/accounts/" + account + "/deposits",
                Map.of("amount", amount, "deposit_ref", "rail-" + UUID.randomUUID())).expect(200);
    }

    /** Data on sale with an open order: its provider, the registration's answer, and its dataset address. */
    record Listing(Wallet provider, JsonNode data, String dataset) {
        long dataId() {
            return data.get("data_id").longValue();
        }
    }

    /**
     * A new provider's data with one fragment (its key text starting with {@code keyPrefix}), on
     * sale, with an open order of {@code volume} units at 2.0000 OSB and no requester restriction.
     */
    Listing listed(String keyPrefix, long volume) {
        Wallet provider = Wallet.create();
        deposit(provider.address(), "1.0000 OSB");
        JsonNode data = register(provider, List.of(keyPrefix + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        publishOrder(provider, dataset, 20_000, volume, Addresses.ZERO);
        return new Listing(provider, data, dataset);
    }

    long available(String account) {
        JsonNode view = platform.settlement().get("/v1/accounts/" + account).expect(200).json();
        return Money.parse(view.get("available").stringValue()).units();
    }

    /**
     * Registers data with one fragment per key and waits for the storage fee's outcome: on sale
     * (status 0) when settlement charged it, registration failed (status 4) when it could not.
     * The fragments are stored for real first, on the platform's {@link MarketPlatform#storageCluster
     * storage cluster}: each is encrypted under the SHA-256 of its key text, declared, uploaded to
     * one keeper node and replicated by the other, before adddataend names its CID.
     */
    JsonNode register(Wallet provider, List<String> keys) {
        List<byte[]> contents = new ArrayList<>();
        List<byte[]> fragmentKeys = new ArrayList<>();
        for (int n = 1; n <= keys.size(); n++) {
            contents.add(("fragment " + n + " " + UUID.randomUUID()).getBytes());
            fragmentKeys.add(Hashes.sha256(Hashes.utf8(keys.get(n - 1))));
        }
        return register(provider, contents, fragmentKeys, keys, platform.storageCluster(),
                platform.storageNodes().get(0));
    }

    /**
     * Registers {@code contents} as one fragment each on {@code cluster}: begin, then each
     * fragment encrypted under its key, declared, uploaded to {@code node} and stored, then
     * adddataend with {@code keyTexts} as the keys the registry keeps; waits for the storage fee's
     * outcome and answers the dataset's view.
     */
    JsonNode register(Wallet provider, List<byte[]> contents, List<byte[]> fragmentKeys, List<String> keyTexts,
            long cluster, MarketPlatform.Node node) {
        return register(provider, contents, fragmentKeys, keyTexts, cluster, node, 30);
    }

    /** As {@link #register(Wallet, List, List, List, long, MarketPlatform.Node)}, stored for {@code period} days. */
    JsonNode register(Wallet provider, List<byte[]> contents, List<byte[]> fragmentKeys, List<String> keyTexts,
            long cluster, MarketPlatform.Node node, long period) {
        String type = "type-" + UUID.randomUUID().toString().substring(0, 8);
        platform.registry().post(provider, "/v1/datatypes", Map.of("datatype_name", type, "detail_fields_num", 1,
                "detail_fields", List.of("city"))).expect(201);
        List<Map<String, Object>> plans = new ArrayList<>();
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        for (int n = 1; n <= contents.size(); n++) {
            byte[] content = contents.get(n - 1);
            whole.writeBytes(content);
            plans.add(Map.of("fragment_no", n, "size", content.length, "hash_original", Hashes.sha256Hex(content),
                    "idfs_cluster_id", cluster));
        }
        Map<String, Object> begin = new LinkedHashMap<>();
        begin.put("datatypename", type);
        begin.put("price", "2.0000 OSB");
        begin.put("detail_fields", List.of("Seoul"));
        begin.put("period", period);
        begin.put("data_hash_original", Hashes.sha256Hex(whole.toByteArray()));
        begin.put("size", whole.size());
        begin.put("fragments", plans);
        long dataId = platform.registry().post(provider, "/v1/data", begin).expect(201).json().get("data_id").longValue();
        List<byte[]> sealed = new ArrayList<>();
        for (int n = 1; n <= contents.size(); n++) {
            sealed.add(seal(fragmentKeys.get(n - 1), dataId, n, contents.get(n - 1)));
        }
        store(provider, dataId, sealed, node);
        List<Map<String, Object>> ends = new ArrayList<>();
        for (int n = 1; n <= contents.size(); n++) {
            byte[] bytes = sealed.get(n - 1);
            ends.add(Map.of("fragment_no", n, "cid", UnixFsImporter.cidOf(bytes).toString(), "hash_encrypted",
                    Hashes.sha256Hex(bytes), "encrypt_key", keyTexts.get(n - 1)));
        }
        // the registry learns that the fragments are stored from keeper.events, a moment after keeper-service
        await("adddataend of data " + dataId, () -> {
            SignedHttp.Response response = platform.registry().post(provider, "/v1/data/" + dataId + "/end",
                    Map.of("fragments", ends));
            return "REGISTRY.FRAGMENTS_NOT_STORED".equals(response.errorCode()) ? null : response.expect(200);
        });
        return await("the storage fee of data " + dataId, () -> {
            JsonNode view = platform.registry().get("/v1/data/" + dataId).expect(200).json();
            return view.get("fee_pending").booleanValue() ? null : view;
        });
    }

    /** A fragment as the provider encrypts it: segmented AES-GCM under its data_id and number. */
    static byte[] seal(byte[] key, long dataId, long fragmentNo, byte[] plain) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream encrypting = SegmentedAead.encrypting(key,
                SegmentedAead.fragmentContext(dataId, fragmentNo), out)) {
            encrypting.write(plain);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * What {@code market data end} does before adddataend: waits for the placement, declares the
     * fragments' CIDs, uploads each to {@code node}, and waits until the registry has seen every
     * fragment stored.
     */
    void store(Wallet provider, long dataId, List<byte[]> sealed, MarketPlatform.Node node) {
        await("the placement of data " + dataId, () -> {
            SignedHttp.Response response = platform.keeper().get("/v1/data/" + dataId + "/fragments");
            return response.status() == 200 ? response : null;
        });
        List<Map<String, Object>> declared = new ArrayList<>();
        for (int n = 1; n <= sealed.size(); n++) {
            declared.add(Map.of("fragment_no", n, "cid", UnixFsImporter.cidOf(sealed.get(n - 1)).toString(),
                    "size_encrypted", sealed.get(n - 1).length));
        }
        platform.keeper().post(provider, "/v1/data/" + dataId + "/fragments", Map.of("fragments", declared)).expect(200);
        for (int n = 1; n <= sealed.size(); n++) {
            upload(node, provider, dataId, n, UnixFsImporter.cidOf(sealed.get(n - 1)), sealed.get(n - 1)).expect(201);
        }
        await("every fragment of data " + dataId + " stored", () -> {
            JsonNode view = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json();
            for (JsonNode fragment : view.get("fragments")) {
                if (!fragment.get("stored").booleanValue()) {
                    return null;
                }
            }
            return view;
        });
    }

    /** A provider's upload of one encrypted fragment to a keeper node, signed over its SHA-256. */
    static SignedHttp.Response upload(MarketPlatform.Node node, Wallet signer, long dataId, long fragmentNo, Cid cid,
            byte[] body) {
        String path = "/v1/fragments/" + cid + "?data_id=" + dataId + "&fragment_no=" + fragmentNo;
        RequestSignature.SignedHeaders headers = signer.signHashedRequest("POST", path, Hashes.sha256Hex(body),
                java.time.Clock.systemUTC());
        return new SignedHttp(node.url()).send("POST", path, body, headers);
    }

    /** Signs iExec's DatasetOrder in the order service's EIP-712 domain and publishes it; answers the order view. */
    JsonNode publishOrder(Wallet provider, String dataset, long datasetprice, long volume, String requesterrestrict) {
        Map<String, Object> body = signedOrder(provider, dataset, datasetprice, volume, requesterrestrict);
        return await("order published for " + dataset, () -> {
            SignedHttp.Response response = platform.order().post(provider, "/v1/orders", body);
            if (response.status() == 409 && "ORDER.DATA_NOT_ON_SALE".equals(response.errorCode())) {
                return null;
            }
            return response.expect(201).json();
        });
    }

    Map<String, Object> signedOrder(Wallet provider, String dataset, long datasetprice, long volume,
            String requesterrestrict) {
        JsonNode domain = platform.order().get("/v1/domain").expect(200).json();
        DatasetOrderSigning signing = new DatasetOrderSigning(BigInteger.valueOf(domain.get("chainId").longValue()),
                domain.get("verifyingContract").stringValue());
        String tag = "0x" + "00".repeat(32);
        String salt = Hashes.toHex0x(randomBytes());
        var order = new DatasetOrderSigning.UnsignedOrder(dataset, datasetprice, volume, tag, Addresses.ZERO,
                Addresses.ZERO, requesterrestrict, salt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", dataset);
        body.put("datasetprice", datasetprice);
        body.put("volume", volume);
        body.put("tag", tag);
        body.put("apprestrict", Addresses.ZERO);
        body.put("workerpoolrestrict", Addresses.ZERO);
        body.put("requesterrestrict", requesterrestrict);
        body.put("salt", salt);
        body.put("sign", provider.signHash(signing.digest(order)).toHex());
        return body;
    }

    SignedHttp.Response buy(Wallet buyer, String dataset, String maxprice) {
        return platform.order().post(buyer, "/v1/deals", buyBody(buyer, dataset, maxprice));
    }

    static Map<String, Object> buyBody(Wallet buyer, String dataset, String maxprice) {
        return Map.of("buyer", buyer.address(), "dataset", dataset, "maxprice", maxprice,
                "buyer_key", Hashes.toHex0x(buyer.publicKey()), "salt", Hashes.toHex0x(randomBytes()));
    }

    JsonNode awaitDeal(long dealId, String status) {
        return await("deal " + dealId + " " + status, () -> {
            JsonNode deal = platform.order().get("/v1/deals/" + dealId).expect(200).json();
            return deal.get("status").stringValue().equals(status) ? deal : null;
        });
    }

    /** The buyer's signed read of its released keys, once the registry has released them. */
    JsonNode awaitKeys(Wallet buyer, long dataId) {
        String path = "/v1/data/" + dataId + "/keys";
        return await("keys of data " + dataId, () -> {
            SignedHttp.Response response = platform.registry().signed(buyer, "GET", path, new byte[0]);
            return response.status() == 404 ? null : response.expect(200).json();
        });
    }

    /** The fragment keys of a release, opened with the buyer's wallet, in fragment order. */
    static List<String> openKeys(Wallet buyer, JsonNode released) {
        long dataId = released.get("data_id").longValue();
        List<String> opened = new ArrayList<>();
        for (JsonNode key : released.get("keys")) {
            byte[] plain = buyer.decrypt(Hashes.fromHex(key.get("wrapped_key").stringValue()),
                    KeyRelease.context(dataId, key.get("fragment_no").longValue()));
            opened.add(new String(plain, StandardCharsets.UTF_8));
        }
        return opened;
    }

    JsonNode ledger() {
        return platform.settlement().get("/v1/ledger").expect(200).json();
    }

    /** Conservation: every balance, the treasury's included, plus what is in flight, equals deposits minus withdrawals. */
    void assertConserved() {
        JsonNode ledger = await("nothing in flight", () -> {
            JsonNode totals = ledger();
            return totals.get("in_flight").stringValue().equals("0.0000 OSB") ? totals : null;
        });
        assertThat(ledger.get("balanced").booleanValue()).as("ledger %s", ledger).isTrue();
        long deposits = Money.parse(ledger.get("deposits").stringValue()).units();
        long withdrawals = Money.parse(ledger.get("withdrawals").stringValue()).units();
        assertThat(Money.parse(ledger.get("balances").stringValue()).units()).isEqualTo(deposits - withdrawals);
    }

    /** The events of {@code topic} under {@code key}, decoded, in their order. */
    static List<Object> eventsOf(market.schemas.Topic topic, String key) {
        return market.platform.testing.TopicReader.readAll(market.platform.testing.KafkaBroker.bootstrapServers(),
                        topic.name()).stream()
                .filter(record -> record.key() != null
                        && key.equals(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)))
                .map(record -> (Object) market.schemas.SingleObjectCodec.standard().decode(record.value()))
                .toList();
    }

    /** How many events of {@code order.events} the market of {@code dataset} holds. */
    static long orderEventsOf(String dataset) {
        return eventsOf(market.schemas.Topics.ORDER_EVENTS, dataset).size();
    }

    /** The response is a refusal with {@code status}, {@code errorCode} and an {@code errorMsg}. */
    static void refused(SignedHttp.Response response, int status, String errorCode) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.errorCode()).as(response.body()).isEqualTo(errorCode);
        org.assertj.core.api.Assertions.assertThat(response.errorMsg()).isNotBlank();
    }

    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static byte[] randomBytes() {
        return randomBytes(32);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
