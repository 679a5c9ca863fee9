package market.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;
import reactor.util.context.ContextView;

/**
 * Traces across the platform's hops, with W3C Trace Context: an HTTP request's span (from its
 * {@code traceparent} header, or a new trace) goes with the command to {@code S.commands} as a
 * {@code traceparent} record header; the command processor's span for that command is its child,
 * and the events it appends carry the processor's span; a reactor's span for an event is a child
 * of the event's, and the commands it issues carry it on. So one purchase is one trace, from the
 * {@code POST /v1/deals} through every saga step to {@code KeysReleased}. A record without the
 * header starts a trace of its own (a scheduler's command, or an event written before traces).
 */
public final class Traces {

    /** Tracing switched off: spans that record nothing, and records that carry no header. */
    public static final Traces NONE = new Traces(OpenTelemetry.noop());

    /** The log context keys of the trace and span ids. */
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    /** Where the HTTP layer keeps the request's trace context in the Reactor context. */
    static final Class<Context> REACTOR_KEY = Context.class;

    private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private final Tracer tracer;

    public Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("market.platform");
    }

    Tracer tracer() {
        return tracer;
    }

    static TextMapPropagator propagator() {
        return PROPAGATOR;
    }

    /**
     * Opens the span of processing {@code record}, a child of the span its {@code traceparent}
     * header names, and puts its ids in the log context of this thread until it is closed.
     */
    public Step process(ConsumerRecord<String, byte[]> record) {
        Context parent = PROPAGATOR.extract(Context.root(), record.headers(), KafkaHeaders.GETTER);
        Span span = tracer.spanBuilder("process " + record.topic()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
        return new Step(span);
    }

    /**
     * Adds the trace context that the HTTP layer put in {@code reactorContext} to a command
     * record's headers; adds nothing outside a traced request.
     */
    public static void carry(ContextView reactorContext, Headers headers) {
        Context context = reactorContext.getOrDefault(REACTOR_KEY, null);
        if (context != null) {
            PROPAGATOR.inject(context, headers, KafkaHeaders.SETTER);
        }
    }

    /**
     * Puts the trace and span ids of {@code context}'s span ({@code traceId}, {@code spanId}) in
     * this thread's log context until the answer is closed; nothing for a null or untraced one.
     */
    public static LogContext logContext(Context context) {
        SpanContext ids = context == null ? SpanContext.getInvalid() : Span.fromContext(context).getSpanContext();
        if (!ids.isValid()) {
            return () -> {};
        }
        MDC.put(TRACE_ID, ids.getTraceId());
        MDC.put(SPAN_ID, ids.getSpanId());
        return () -> {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        };
    }

    /** Ids in the log context, until closed. */
    public interface LogContext extends AutoCloseable {
        @Override
        void close();
    }

    /** The {@code traceparent} and {@code tracestate} of Kafka record headers. */
    static final class KafkaHeaders {
        static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Headers headers) {
                List<String> keys = new ArrayList<>();
                headers.forEach(header -> keys.add(header.key()));
                return keys;
            }

            @Override
            public String get(Headers headers, String key) {
                Header header = headers == null ? null : headers.lastHeader(key);
                return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            }
        };

        static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        };

        private KafkaHeaders() {}
    }
}
