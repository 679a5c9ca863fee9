package market.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.platform.ids.DatasetAddress;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.DataTypeAdded;
import market.registry.event.FragmentStorageConfirmed;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Signed HTTP → command → events on {@code registry.events} → views, over a real broker. */
class RegistryFlowTest extends RegistryServiceTestBase {

    private final Wallet provider = Wallet.create();

    @Test
    void signedRequestsBecomeEventsAndViews() {
        String type = uniqueName("weather");
        SignedHttp.Response defined = expect(http.post(provider, "/v1/datatypes", datatype(type, "city", "date")), 201);
        assertThat(defined.json().get("definer").stringValue()).isEqualTo(provider.address());
        assertThat(defined.json().get("detail_fields_num").longValue()).isEqualTo(2);

        byte[] content = new byte[3 * (1 << 20) + 1];
        SignedHttp.Response begun = expect(http.post(provider, "/v1/data",
                begin(type, List.of("Seoul", "2026-11-21"), content, 2)), 201);
        long dataId = begun.json().get("data_id").longValue();
        assertThat(begun.json().get("status").intValue()).isEqualTo(1);
        assertThat(begun.json().get("provider").stringValue()).isEqualTo(provider.address());
        assertThat(begun.json().get("price").stringValue()).isEqualTo("2.0000 OSB");
        // 4 started MiB: 40 units a day; per keeper 40 / 2 fragments / 5 = 4; 30 days: 1200
        assertThat(begun.json().get("dayStorageFee").stringValue()).isEqualTo("0.0040 OSB");
        assertThat(begun.json().get("daySingleIDFSfee").stringValue()).isEqualTo("0.0004 OSB");
        assertThat(begun.json().get("totalStorageFee").stringValue()).isEqualTo("0.1200 OSB");

        String plainKey = "plain-key-" + UUID.randomUUID() + "-";
        SignedHttp.Response completed = expect(endOnceStored(http, provider, dataId, 2, end(2, plainKey)),
                200);
        assertThat(completed.json().get("status").intValue()).isEqualTo(1);
        assertThat(completed.json().get("fee_pending").booleanValue()).isTrue();
        assertThat(completed.json().get("fragments").get(1).get("cid").stringValue()).isEqualTo(cid(2));
        assertThat(completed.body()).doesNotContain(plainKey);
        chargeFee(provider.address(), dataId);
        tools.jackson.databind.JsonNode onSale = awaitStatus(http, dataId, 0);
        assertThat(onSale.get("fee_pending").booleanValue()).isFalse();

        assertThat(expect(http.get("/v1/data/" + dataId), 200).json()).isEqualTo(onSale);
        String address = onSale.get("address").stringValue();
        assertThat(address).isEqualTo(DatasetAddress.of(dataId)).matches("0x[0-9a-f]{40}");
        assertThat(expect(http.get("/v1/data/" + address.toUpperCase().replace("0X", "0x")), 200).json())
                .isEqualTo(onSale);
        SignedHttp.Response listed = expect(http.get("/v1/data?provider=" + provider.address()), 200);
        assertThat(listed.json().get("total").longValue()).isEqualTo(1);
        assertThat(listed.json().get("items").get(0)).isEqualTo(onSale);

        assertThat(eventsOf(Long.toString(dataId))).hasExactlyElementsOfTypes(
                DataRegistrationStarted.class, FragmentStorageConfirmed.class, FragmentStorageConfirmed.class,
                DataRegistrationCompleted.class, DataPutOnSale.class);
        assertThat(eventsOf(type)).hasExactlyElementsOfTypes(DataTypeAdded.class);
        assertNoTopicHolds(plainKey);
    }

    @Test
    void removalIsForTheProviderOnlyAndHappensOnce() {
        long dataId = registeredDataset(provider);
        SignedHttp.Response stranger = expect(http.delete(Wallet.create(), "/v1/data/" + dataId), 403);
        assertThat(stranger.errorCode()).isEqualTo("REGISTRY.NOT_PROVIDER");
        assertThat(stranger.errorMsg()).isEqualTo("Only provider can remove data");

        assertThat(expect(http.delete(provider, "/v1/data/" + dataId), 200).json().get("status").intValue()).isEqualTo(2);
        SignedHttp.Response again = expect(http.delete(provider, "/v1/data/" + dataId), 409);
        assertThat(again.errorCode()).isEqualTo("REGISTRY.DATA_ALREADY_REMOVED");
        assertThat(again.errorMsg()).isEqualTo("The data has already been removed");
        assertThat(expect(http.get("/v1/data/" + dataId), 200).json().get("status_name").stringValue())
                .isEqualTo("removed");
    }

    @Test
    void fiftyConcurrentRemovalsSucceedExactlyOnce() throws Exception {
        long dataId = registeredDataset(provider);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<SignedHttp.Response>> answers = new ArrayList<>();
        try {
            List<Callable<SignedHttp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> http.delete(provider, "/v1/data/" + dataId));
            }
            answers.addAll(pool.invokeAll(calls));
        } finally {
            pool.shutdown();
        }
        List<SignedHttp.Response> responses = new ArrayList<>();
        for (Future<SignedHttp.Response> answer : answers) {
            responses.add(answer.get());
        }
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49)
                .allSatisfy(r -> assertThat(r.errorMsg()).isEqualTo("The data has already been removed"));
        assertThat(eventsOf(Long.toString(dataId))).filteredOn(DataRemoved.class::isInstance).hasSize(1);
    }

    @Test
    void aDatasetNeedsAnExistingDataType() {
        SignedHttp.Response response = expect(http.post(provider, "/v1/data",
                begin(uniqueName("missing"), List.of(), new byte[10], 1)), 404);
        assertThat(response.errorCode()).isEqualTo("REGISTRY.DATATYPE_NOT_FOUND");
        assertThat(response.errorMsg()).isEqualTo("The data type does not exist");
    }

    @Test
    void aDataTypeNameIsUnique() {
        String type = uniqueName("unique");
        expect(http.post(provider, "/v1/datatypes", datatype(type, "a")), 201);
        assertThat(expect(http.post(Wallet.create(), "/v1/datatypes", datatype(type, "b")), 409).errorCode())
                .isEqualTo("REGISTRY.DATATYPE_EXISTS");
        assertThat(expect(http.get("/v1/datatypes/" + type), 200).json().get("detail_fields").get(0).stringValue())
                .isEqualTo("a");
        assertThat(expect(http.get("/v1/datatypes"), 200).json().get("items").valueStream()
                .map(item -> item.get("datatype_name").stringValue())).contains(type);
    }

    @Test
    void listsFilterByProviderTypeAndStatusWithPaging() {
        long first = registeredDataset(provider);
        long second = registeredDataset(provider);
        long third = registeredDataset(provider);
        expect(http.delete(provider, "/v1/data/" + second), 200);
        String mine = "/v1/data?provider=" + provider.address();

        SignedHttp.Response page0 = expect(http.get(mine + "&size=2&page=0"), 200);
        assertThat(page0.json().get("total").longValue()).isEqualTo(3);
        assertThat(page0.json().get("items").valueStream().map(i -> i.get("data_id").longValue()))
                .containsExactly(first, second);
        assertThat(expect(http.get(mine + "&size=2&page=1"), 200).json().get("items").valueStream()
                .map(i -> i.get("data_id").longValue())).containsExactly(third);
        assertThat(expect(http.get(mine + "&status=2"), 200).json().get("items").valueStream()
                .map(i -> i.get("data_id").longValue())).containsExactly(second);
        String type = expect(http.get("/v1/data/" + third), 200).json().get("datatype_name").stringValue();
        assertThat(expect(http.get("/v1/data?datatype=" + type), 200).json().get("total").longValue()).isEqualTo(1);
        assertThat(expect(http.get(mine + "&status=9"), 400).errorCode()).isEqualTo("REQUEST.INVALID_PARAMETER");
    }

    @Test
    void readinessIsUpOnceCaughtUp() {
        SignedHttp.Response readiness = expect(http.get("/actuator/health/readiness"), 200);
        assertThat(readiness.json().get("status").stringValue()).isEqualTo("UP");
    }

    private static List<SpecificRecord> eventsOf(String key) {
        return TopicReader.readAll(bootstrapServers(), Topics.REGISTRY_EVENTS.name()).stream()
                .filter(record -> record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(key))
                .map(record -> SingleObjectCodec.standard().decode(record.value()))
                .toList();
    }

    /** Scans every byte of every registry topic, values and headers, for a plain key. */
    private static void assertNoTopicHolds(String plain) {
        byte[] needle = plain.getBytes(StandardCharsets.UTF_8);
        for (Topic topic : Topics.ownedBy(Topics.REGISTRY)) {
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(bootstrapServers(), topic.name());
            if (topic.equals(Topics.REGISTRY_COMMANDS) || topic.equals(Topics.REGISTRY_EVENTS)) {
                assertThat(records).as(topic.name()).isNotEmpty();
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                assertThat(indexOf(record.value(), needle)).as("plain key in %s value", topic.name()).isEqualTo(-1);
                record.headers().forEach(header -> assertThat(indexOf(header.value(), needle))
                        .as("plain key in %s header", topic.name()).isEqualTo(-1));
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return -1;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
