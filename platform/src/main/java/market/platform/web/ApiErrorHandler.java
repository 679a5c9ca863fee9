package market.platform.web;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import market.platform.domain.RejectedException;
import market.platform.tracing.TracingWebFilter;
import market.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns every failure into {@code {"errorCode","errorMsg"}} with its status: API errors and
 * rejections as they are, framework errors (unknown route, wrong method, oversized body) as
 * 4xx, a reply timeout or an unreachable broker as 503, and anything unexpected as a logged 500 that reveals nothing.
 */
public final class ApiErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ObjectMapper mapper;

    public ApiErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ApiException api = toApiException(unwrap(error));
        if (api.status() >= 500) {
            try (var ids = Traces.logContext(exchange.getAttribute(TracingWebFilter.CONTEXT_ATTRIBUTE))) {
                log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
            }
        }
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        response.setStatusCode(HttpStatus.valueOf(api.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = mapper.writeValueAsBytes(api.body());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The status {@link #handle} answers {@code error} with. */
    public static int statusOf(Throwable error) {
        return toApiException(unwrap(error)).status();
    }

    static ApiException toApiException(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof RejectedException rejected) {
            return ApiException.of(rejected.rejection());
        }
        if (error instanceof DataBufferLimitException) {
            return new ApiException(413, "REQUEST.TOO_LARGE", "request body is too large");
        }
        if (error instanceof KafkaReplyTimeoutException || error instanceof TimeoutException) {
            return new ApiException(503, "SERVICE.TIMEOUT",
                    "the service did not answer in time; the command may still take effect, so read before retrying");
        }
        if (error instanceof org.apache.kafka.common.KafkaException
                || error instanceof org.springframework.kafka.KafkaException) {
            return new ApiException(503, "SERVICE.UNAVAILABLE", "the event store is unreachable; retry later");
        }
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            if (code == 404) {
                return new ApiException(404, "HTTP.NOT_FOUND", "no such resource");
            }
            if (code == 405) {
                return new ApiException(405, "HTTP.METHOD_NOT_ALLOWED", "method not allowed here");
            }
            if (code == 415) {
                return new ApiException(415, "HTTP.UNSUPPORTED_MEDIA_TYPE", "unsupported content type");
            }
            if (code < 500) {
                return new ApiException(code, "HTTP." + code, "bad request: " + status.getReason());
            }
        }
        return new ApiException(500, "INTERNAL", "internal error");
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof ResponseStatusException status && status.getCause() instanceof DataBufferLimitException limit) {
            return limit;
        }
        return current;
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
