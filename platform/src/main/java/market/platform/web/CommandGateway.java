package market.platform.web;

import java.time.Duration;
import market.platform.domain.Rejection;
import market.platform.runtime.Projection;
import market.platform.runtime.Replies;
import market.schemas.SingleObjectCodec;
import market.schemas.Topic;
import market.schemas.reply.CommandReply;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Where a command enters: it goes to {@code S.commands} under its aggregate's key with
 * {@code ReplyingKafkaTemplate}, and the reply comes back once the processor's transaction has
 * committed. An accepted command then waits until the projection has applied its events, so the
 * view the caller reads next includes them (read-your-writes). A rejection becomes its 4xx.
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

    /** Sends one command; completes with the accepted reply, or fails with the rejection's {@link ApiException}. */
    public Mono<CommandReply> send(String key, SpecificRecord command) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(commands.name(), key, codec.encode(command));
        return Mono.fromFuture(() -> template.sendAndReceive(record))
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
        return ApiException.of(new Rejection(reply.getErrorCode(), reply.getErrorMsg(),
                Rejection.Kind.valueOf(reply.getErrorKind())));
    }
}
