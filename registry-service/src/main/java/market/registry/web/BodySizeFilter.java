package market.registry.web;

import java.util.Set;
import market.platform.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The registry reads bodies of up to {@value #FILE_LIMIT} bytes (12 MiB) for the endpoints that
 * carry a file: the watermark endpoints and the DataShare publish, whose {@code plainData} is up
 * to 8 MiB as Base64; every other request declaring more than {@value #LIMIT} bytes is a 413
 * before it is read, so no command larger than a Kafka record is ever built from it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeFilter implements WebFilter {

    static final long LIMIT = 256 * 1024;
    static final long FILE_LIMIT = 12 * 1024 * 1024;
    private static final Set<String> FILE_PATHS = Set.of("/v1/datashare/watermark/embed",
            "/v1/datashare/dataset/watermark/extract", "/v1/datashare/dataset");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        long limit = FILE_PATHS.contains(exchange.getRequest().getPath().value()) ? FILE_LIMIT : LIMIT;
        if (declared > limit) {
            return Mono.error(new ApiException(413, "REQUEST.TOO_LARGE", "request body is too large: at most "
                    + limit + " bytes here"));
        }
        return chain.filter(exchange);
    }
}
