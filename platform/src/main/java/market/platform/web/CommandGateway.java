package market.platform.web;

import java.time.Duration;
import market.platform.domain.Rejection;
import market.platform.runtime.CommandOrigin;
import market.platform.runtime.Projection;
import market.platform.runtime.Replies;
import market.platform.tracing.Traces;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.reply.CommandReply;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Where a command enters: it goes to {@code S.commands} under its aggregate's key with
 * {@code ReplyingKafkaTemplate}, and the reply comes back once the processor's transaction has
 * committed. An accepted command then waits until the projection has applied its events, so the
 * view the caller reads next includes them (read-your-writes). A rejection becomes its 4xx.
 * The command of a signed request carries the request's {@link CommandOrigin}, so the processor
 * that handles it refuses a replay, whichever instance it was sent to, and the request's trace
 * context ({@code traceparent}), so the command's handling joins the request's trace.
 */
public final class CommandGateway {

    private final ReplyingKafkaTemplate<String, byte[], byte[]> template;
    private final Projection projection;
    private final Topic commands;
    private final Duration timeout;
    private final SingleObjectCodec codec = SingleObjectCodec.standard();

    public CommandGateway(ReplyingKafkaTemplate<String, byte[], byte[]> template, Projection projection,
            Topic commands, Duration timeout) {
        this.template = template;
        this.projection = projection;
        this.commands = commands;
        this.timeout = timeout;
    }

    /**
     * Sends the command of the signed request {@code signed}; completes with the accepted reply, or
     * fails with the rejection's {@link ApiException}.
     */
    public Mono<CommandReply> send(String key, SpecificRecord command, SignatureVerifier.SignedRequest signed) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(commands.name(), key, codec.encode(command));
        new CommandOrigin(signed.signer(), signed.nonce(), signed.timestamp()).writeTo(record.headers());
        return send(record);
    }

    /**
     * Sends a command that no signed request is the origin of: a scheduler's, or one a request
     * causes besides its own (keeping a provider's key before the publish that needs it, whose
     * command claims the request's nonce).
     */
    public Mono<CommandReply> sendUnsigned(String key, SpecificRecord command) {
        return send(new ProducerRecord<>(commands.name(), key, codec.encode(command)));
    }

    private Mono<CommandReply> send(ProducerRecord<String, byte[]> record) {
        return Mono.deferContextual(request -> {
                    // a record of its own for each subscription: a sent record's headers are read-only
                    ProducerRecord<String, byte[]> traced = new ProducerRecord<>(record.topic(), record.partition(),
                            record.key(), record.value(), new RecordHeaders(record.headers().toArray()));
                    Traces.carry(request, traced.headers());
                    return Mono.fromFuture(() -> template.sendAndReceive(traced));
                })
                .map(reply -> (CommandReply) codec.decode(reply.value()))
                .flatMap(reply -> reply.getAccepted()
                        ? Mono.fromFuture(projection.awaitOffset(reply.getEventPartition(), reply.getLastOffset()))
                                .timeout(timeout).thenReturn(reply)
                        : Mono.error(refusal(reply)));
    }

    private static ApiException refusal(CommandReply reply) {
        if (Replies.FAILED.equals(reply.getErrorKind())) {
            return new ApiException(500, reply.getErrorCode(), reply.getErrorMsg());
        }
        Rejection.Kind kind;
        try {
            kind = Rejection.Kind.valueOf(reply.getErrorKind());
        } catch (IllegalArgumentException | NullPointerException e) {
            // a kind this instance does not know yet, from a processor of a newer version
            kind = reply.getErrorCode() != null && reply.getErrorCode().startsWith("AUTH.")
                    ? Rejection.Kind.UNAUTHORIZED : Rejection.Kind.INVALID;
        }
        return ApiException.of(new Rejection(reply.getErrorCode(), reply.getErrorMsg(), kind));
    }
}
