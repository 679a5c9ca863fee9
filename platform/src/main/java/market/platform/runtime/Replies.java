package market.platform.runtime;

import java.nio.ByteBuffer;
import market.platform.domain.Rejection;
import market.schemas.SingleObjectCodec;
import market.schemas.reply.CommandReply;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Builds and sends the reply to a command sent with {@code ReplyingKafkaTemplate}: the reply
 * carries the command's correlation id, and goes to the service's own replies topic (to the
 * partition the requester asked for, if any). A command without a correlation id gets no reply.
 */
public final class Replies {

    private Replies() {}

    /** The {@code error_kind} of a command whose handling failed on the service's side. */
    public static final String FAILED = "FAILED";

    /** The reply to a command whose handling failed; it was dead-lettered and changed nothing. */
    static CommandReply failure(String aggregateId) {
        return CommandReply.newBuilder().setAccepted(false).setAggregateId(aggregateId)
                .setErrorCode("COMMAND.FAILED").setErrorMsg("the command could not be processed")
                .setErrorKind(FAILED).build();
    }

    static CommandReply reply(String aggregateId, Rejection rejection, int eventPartition, long lastOffset) {
        return CommandReply.newBuilder()
                .setAccepted(rejection == null)
                .setAggregateId(aggregateId)
                .setErrorCode(rejection == null ? null : rejection.errorCode())
                .setErrorMsg(rejection == null ? null : rejection.errorMsg())
                .setErrorKind(rejection == null ? null : rejection.kind().name())
                .setEventPartition(eventPartition)
                .setLastOffset(lastOffset)
                .build();
    }

    static void send(Producer<String, byte[]> producer, String repliesTopic, ConsumerRecord<String, byte[]> command,
            SingleObjectCodec codec, CommandReply reply) {
        Header correlation = command.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        if (correlation == null) {
            return;
        }
        Header partitionHeader = command.headers().lastHeader(KafkaHeaders.REPLY_PARTITION);
        Integer partition = partitionHeader != null && partitionHeader.value().length == 4
                ? ByteBuffer.wrap(partitionHeader.value()).getInt() : null;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(repliesTopic, partition,
                reply.getAggregateId(), codec.encode(reply));
        record.headers().add(KafkaHeaders.CORRELATION_ID, correlation.value());
        producer.send(record);
    }
}
