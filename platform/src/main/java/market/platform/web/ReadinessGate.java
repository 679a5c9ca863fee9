package market.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers every request but the actuator's with 503 {@code SERVICE.NOT_READY} and
 * {@code Retry-After} until the service has caught up with its event topics, instead of letting
 * it wait on a processor that is still replaying or decide on views that are not yet whole.
 */
public final class ReadinessGate implements WebFilter, Ordered {

    /** Seconds a client is told to wait before it asks again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private static final byte[] BODY = ("{\"errorCode\":\"SERVICE.NOT_READY\",\"errorMsg\":\"the service is catching up "
            + "with its event topics; retry in " + RETRY_AFTER_SECONDS + " s\"}").getBytes(StandardCharsets.UTF_8);

    private final BooleanSupplier ready;

    public ReadinessGate(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith("/actuator/") || ready.getAsBoolean()) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(BODY)));
    }

    @Override
    public int getOrder() {
        // after the tracing filter, so a refused request is traced too
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
