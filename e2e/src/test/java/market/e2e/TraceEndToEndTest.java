package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;

/**
 * One purchase is one trace. The buyer's {@code POST /v1/deals} brings a W3C {@code traceparent};
 * every service's spans, read back through the OpenTelemetry SDK's in-memory exporter, carry its
 * trace id, and their parents chain from the registry's {@code ReleaseKeys} back through every
 * saga step to the request. keeper-service takes no step in a purchase; its span is its reactor
 * reading the purchase's {@code KeysReleased} and issuing nothing.
 */
class TraceEndToEndTest extends EndToEndTest {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    @Test
    void onePurchaseIsOneTraceAcrossTheFourServices() {
        Flows.Listing listing = flows.listed("trace-key-", 5);
        String dataset = listing.dataset();
        Wallet buyer = Wallet.create();
        flows.deposit(buyer.address(), "3.0000 OSB");

        String traceId = HexFormat.of().formatHex(Flows.randomBytes(16));
        String callerSpan = HexFormat.of().formatHex(Flows.randomBytes(8));
        MarketPlatform.TRACES.watch(traceId);
        long dealId = platform.order().withHeader("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .post(buyer, "/v1/deals", Flows.buyBody(buyer, dataset, "2.5000 OSB"))
                .expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        flows.awaitKeys(buyer, listing.dataId());

        List<SpanData> spans = Flows.await("keeper-service's span of the purchase's KeysReleased", () -> {
            List<SpanData> all = MarketPlatform.TRACES.spans(traceId);
            return all.stream().anyMatch(s -> service(s).equals("keeper-service") && s.getName().equals("process KeysReleased"))
                    && all.stream().anyMatch(s -> s.getName().equals("process ReleaseKeys")) ? all : null;
        });

        assertThat(spans.stream().map(TraceEndToEndTest::service).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("order-service", "settlement-service", "registry-service", "keeper-service");

        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        SpanData releaseKeys = spans.stream().filter(s -> s.getName().equals("process ReleaseKeys")).findFirst().orElseThrow();
        assertThat(releaseKeys.getAttributes().get(AttributeKey.longKey("market.caused"))).isEqualTo(1L);
        List<String> chain = new ArrayList<>();
        for (SpanData span = releaseKeys; span != null; span = byId.get(span.getParentSpanId())) {
            chain.add(service(span) + ": " + span.getName());
            if (span.getKind() == SpanKind.SERVER) {
                assertThat(span.getParentSpanId()).isEqualTo(callerSpan);
                assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(201L);
            }
        }
        assertThat(chain).containsExactly(
                "registry-service: process ReleaseKeys",
                "registry-service: process DealCompleted",
                "order-service: process CompleteDeal",
                "order-service: process PaymentSettled",
                "settlement-service: process CreditPayment",
                "settlement-service: process PaymentDebited",
                "settlement-service: process PayDeal",
                "settlement-service: process DealCreated",
                "order-service: process BuyData",
                "order-service: POST /v1/deals");

        // keeper-service read the release in the same trace, and caused nothing
        Map<String, SpanData> keeperReads = new HashMap<>();
        spans.stream().filter(s -> service(s).equals("keeper-service")).forEach(s -> keeperReads.put(s.getName(), s));
        SpanData keeperRead = keeperReads.get("process KeysReleased");
        assertThat(keeperRead.getParentSpanId()).isEqualTo(releaseKeys.getSpanId());
        assertThat(keeperRead.getAttributes().get(AttributeKey.longKey("market.caused"))).isEqualTo(0L);
    }

    private static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE);
    }
}
