package market.platform.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;

/**
 * Gives the error body to the answers Netty's HTTP decoder makes before a request reaches the
 * application: a request line too long (414), headers too large (431), or a request it cannot
 * parse (400). Reactor Netty writes those as empty responses; this handler, just after the codec
 * in each connection's pipeline, fills an empty one with {@code {"errorCode","errorMsg"}}.
 */
public final class CodecErrorBodies extends ChannelDuplexHandler {

    private static final Map<Integer, String> BODIES = Map.of(
            400, body("HTTP.BAD_REQUEST", "the request could not be read as HTTP/1.1"),
            414, body("HTTP.URI_TOO_LONG", "the request line is too long"),
            431, body("HTTP.HEADERS_TOO_LARGE", "the request headers are too large"));

    /** Adds this handler to every connection of the server. */
    public static NettyServerCustomizer customizer() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "market.codecErrorBodies", new CodecErrorBodies());
            }
        });
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && !response.content().isReadable()
                && BODIES.containsKey(response.status().code())) {
            byte[] body = BODIES.get(response.status().code()).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse filled = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                    Unpooled.wrappedBuffer(body));
            filled.headers().set(response.headers());
            filled.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            filled.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.release();
            super.write(ctx, filled, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private static String body(String code, String message) {
        return "{\"errorCode\":\"" + code + "\",\"errorMsg\":\"" + message + "\"}";
    }
}
