package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import market.platform.crypto.Addresses;
import market.platform.runtime.DeadLetters;
import market.platform.runtime.KafkaClients;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.TopicReader;
import market.schemas.Topic;
import market.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A record no schema can read, on an events topic that other services' reactions follow, goes
 * to each follower's {@code S.<topic>-dlt} (and to the owner's projection dead letters), and every
 * service keeps running: a whole purchase still completes afterwards.
 */
class PoisonEventEndToEndTest extends EndToEndTest {


    @Test
    void aPoisonEventIsDeadLetteredByEveryFollowerAndTheSagasGoOn() throws Exception {
        byte[] settlementPoison = ("not a settlement event " + UUID.randomUUID()).getBytes();
        byte[] orderPoison = ("not an order event " + UUID.randomUUID()).getBytes();
        produce(Topics.SETTLEMENT_EVENTS, settlementPoison);
        produce(Topics.ORDER_EVENTS, orderPoison);

        for (Topic deadLetters : List.of(Topics.REGISTRY_SETTLEMENT_EVENTS_DLT, Topics.ORDER_SETTLEMENT_EVENTS_DLT,
                Topics.SETTLEMENT_SETTLEMENT_EVENTS_DLT, Topics.SETTLEMENT_EVENTS_DLT)) {
            var letter = awaitDeadLetter(deadLetters, settlementPoison);
            assertThat(new String(letter.headers().lastHeader(DeadLetters.ORIGINAL_TOPIC).value()))
                    .isEqualTo(Topics.SETTLEMENT_EVENTS.name());
        }
        for (Topic deadLetters : List.of(Topics.REGISTRY_ORDER_EVENTS_DLT, Topics.SETTLEMENT_ORDER_EVENTS_DLT,
                Topics.ORDER_EVENTS_DLT)) {
            awaitDeadLetter(deadLetters, orderPoison);
        }

        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        assertThat(data.get("status").intValue()).isZero();
        flows.publishOrder(provider, data.get("address").stringValue(), 20_000, 1, Addresses.ZERO);
        long dealId = flows.buy(buyer, data.get("address").stringValue(), "2.0000 OSB").expect(201).json()
                .get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        flows.awaitKeys(buyer, data.get("data_id").longValue());
    }

    private static void produce(Topic topic, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                new KafkaClients(KafkaBroker.bootstrapServers()).producer("poison"))) {
            producer.send(new ProducerRecord<>(topic.name(), "poison", value)).get();
        }
    }

    private static org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> awaitDeadLetter(Topic deadLetters,
            byte[] value) throws InterruptedException {
        return TopicReader.awaitValue(KafkaBroker.bootstrapServers(), deadLetters.name(), value);
    }
}
