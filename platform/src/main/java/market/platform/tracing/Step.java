package market.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.apache.kafka.common.header.Headers;

/**
 * The span of one record's processing, open on the loop's thread from {@link Traces#process}
 * to {@link #close}: its trace and span ids are in the log context meanwhile, so every log line
 * about the record names its trace, and the records the processing writes carry it on
 * ({@link #carryTo}).
 */
public final class Step implements AutoCloseable {

    private final Span span;
    private final Context context;
    private final Traces.LogContext logContext;

    Step(Span span) {
        this.span = span;
        this.context = Context.root().with(span);
        this.logContext = Traces.logContext(context);
    }

    /** Names the span for what the record turned out to be, a command's or an event's type. */
    public Step named(String what) {
        span.updateName("process " + what);
        span.setAttribute("market.record", what);
        return this;
    }

    /** Marks the processing as refused with {@code errorCode}. */
    public void refused(String errorCode) {
        span.setAttribute("market.outcome", "refused");
        span.setAttribute("market.error_code", errorCode);
    }

    /** Marks the processing as failed for {@code reason}: the record went to a dead-letter topic. */
    public void failed(String reason) {
        span.setAttribute("market.outcome", "dead-lettered");
        span.setStatus(StatusCode.ERROR, reason);
    }

    /** Counts the records the processing caused, events of a command or commands of an event. */
    public void caused(int records) {
        span.setAttribute("market.caused", records);
    }

    /** Adds this span, as the parent of what comes next, to the headers of a record the processing writes. */
    public <H extends Headers> H carryTo(H headers) {
        Traces.propagator().inject(context, headers, Traces.KafkaHeaders.SETTER);
        return headers;
    }

    @Override
    public void close() {
        try {
            span.end();
        } finally {
            logContext.close();
        }
    }
}
