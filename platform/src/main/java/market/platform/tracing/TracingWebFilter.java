package market.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The server span of each API request ({@code /v1/...}): a child of the caller's
 * {@code traceparent} header when it sends one, else the root of a new trace, named by method
 * and route once the route is known. Its context goes into the Reactor context, where the
 * command gateway takes it onto the command record, and into an exchange attribute, where the
 * error handler takes its ids into the log line of a failed request.
 */
public final class TracingWebFilter implements WebFilter, Ordered {

    /** The exchange attribute holding the request's trace context. */
    public static final String CONTEXT_ATTRIBUTE = TracingWebFilter.class.getName() + ".context";

    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders headers) {
            return headers.headerNames();
        }

        @Override
        public String get(HttpHeaders headers, String key) {
            return headers == null ? null : headers.getFirst(key);
        }
    };

    private final Traces traces;
    private final ToIntFunction<Throwable> statusOf;

    /** {@code statusOf}: the status a request that failed with an error is answered with. */
    public TracingWebFilter(Traces traces, ToIntFunction<Throwable> statusOf) {
        this.traces = traces;
        this.statusOf = statusOf;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/v1/")) {
            return chain.filter(exchange);
        }
        Context parent = Traces.propagator().extract(Context.root(), request.getHeaders(), HEADERS);
        String method = request.getMethod().name();
        Span span = traces.tracer().spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .setAttribute("url.path", request.getPath().value())
                .startSpan();
        Context context = parent.with(span);
        exchange.getAttributes().put(CONTEXT_ATTRIBUTE, context);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return chain.filter(exchange)
                .doOnError(failure::set)
                .doFinally(signal -> {
                    Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                    if (route != null) {
                        span.updateName(method + " " + route);
                        span.setAttribute("http.route", route.toString());
                    }
                    int status = failure.get() != null ? statusOf.applyAsInt(failure.get())
                            : statusOf(exchange.getResponse().getStatusCode());
                    span.setAttribute("http.response.status_code", status);
                    if (status >= 500) {
                        span.setStatus(StatusCode.ERROR);
                    }
                    span.end();
                })
                .contextWrite(reactor -> reactor.put(Traces.REACTOR_KEY, context));
    }

    private static int statusOf(HttpStatusCode code) {
        return code == null ? 200 : code.value();
    }

    /** Before the readiness gate, so a request refused while catching up is traced too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
