package market.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A record's {@code traceparent} header makes its processing a child span of the writer's, the
 * records the processing writes carry the processing's span on, and the ids are in the log
 * context while it runs. Spans are read back with the OpenTelemetry SDK's in-memory exporter.
 */
class TracesTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final Traces traces = new Traces(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build());

    @Test
    void aRecordsProcessingJoinsTheTraceItsHeaderNamesAndCarriesItOn() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + traceId + "-" + parentId + "-01").getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> event = record("order.events", headers);

        RecordHeaders written;
        try (Step step = traces.process(event).named("DealCreated")) {
            assertThat(MDC.get(Traces.TRACE_ID)).isEqualTo(traceId);
            step.caused(1);
            written = step.carryTo(new RecordHeaders());
        }
        assertThat(MDC.get(Traces.TRACE_ID)).isNull();

        SpanData span = only(spans.getFinishedSpanItems());
        assertThat(span.getTraceId()).isEqualTo(traceId);
        assertThat(span.getParentSpanId()).isEqualTo(parentId);
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getName()).isEqualTo("process DealCreated");
        assertThat(span.getAttributes().asMap().toString()).contains("messaging.destination.name=order.events");
        assertThat(new String(written.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-" + traceId + "-" + span.getSpanId() + "-01");
    }

    @Test
    void aRecordWithoutTheHeaderStartsATraceOfItsOwn() {
        try (Step step = traces.process(record("settlement.commands", new RecordHeaders()))) {
            step.refused("SETTLEMENT.INSUFFICIENT_FUNDS");
        }
        SpanData span = only(spans.getFinishedSpanItems());
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getAttributes().asMap().toString()).contains("market.error_code=SETTLEMENT.INSUFFICIENT_FUNDS");
    }

    @Test
    void withTracingOffNothingIsCarried() {
        RecordHeaders written;
        try (Step step = Traces.NONE.process(record("order.events", new RecordHeaders()))) {
            assertThat(MDC.get(Traces.TRACE_ID)).isNull();
            written = step.carryTo(new RecordHeaders());
        }
        assertThat(written.lastHeader("traceparent")).isNull();
    }

    private static ConsumerRecord<String, byte[]> record(String topic, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 1, 42L, ConsumerRecord.NO_TIMESTAMP,
                org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, "key", new byte[0], headers, java.util.Optional.empty());
    }

    private static SpanData only(List<SpanData> spans) {
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }
}
