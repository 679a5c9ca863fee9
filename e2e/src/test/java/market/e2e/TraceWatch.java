package market.e2e;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A span processor every service of {@link MarketPlatform} gets: the spans of the traces a test
 * watches go to the OpenTelemetry SDK's in-memory exporter, and the spans of all other traces
 * are dropped, so a whole end-to-end run does not keep every span it makes.
 */
final class TraceWatch implements SpanProcessor {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    /** Keeps the spans of trace {@code traceId} from now on. */
    void watch(String traceId) {
        watched.add(traceId);
    }

    /** The ended spans of trace {@code traceId} so far, from every service. */
    List<SpanData> spans(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (watched.contains(span.getSpanContext().getTraceId())) {
            exporter.export(List.of(span.toSpanData()));
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** A service's tracer closing with its context leaves the watch open for the others. */
    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
