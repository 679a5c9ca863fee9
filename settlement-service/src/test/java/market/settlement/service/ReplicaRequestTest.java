package market.settlement.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import market.platform.config.ServiceRuntime;
import market.platform.runtime.CommandOrigin;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import market.schemas.nonce.NonceClaimed;
import market.schemas.reply.CommandReply;
import market.settlement.SettlementApplication;
import market.settlement.command.Withdraw;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of settlement-service on one broker, as replicas behind one address: a signed
 * request replayed to the other instance is refused, also after the instance that owned its
 * partition has stopped and the other has taken the partition over (the nonces are on
 * {@code settlement.nonces}, not in one instance's memory); a command left on {@code settlement.commands} older than the
 * signature window is refused, not applied; and the answers Netty's decoder gives before a
 * request reaches the application carry the error body.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplicaRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Wallet OPERATOR = Wallet.create();
    private static final SingleObjectCodec CODEC = SingleObjectCodec.standard();

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start("replica-a");
        second = start("replica-b");
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static ConfigurableApplicationContext start(String instance) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
        properties.put("market.settlement.operator-address", OPERATOR.address());
        properties.put("market.instance-id", instance);
        properties.put("market.data-dir", dataDir.resolve(instance).toString());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SettlementApplication.class)
                // each instance its own Netty loops: closing one must not stop the other's server
                .initializers(c -> ((GenericApplicationContext) c).registerBean(ReactorResourceFactory.class, () -> {
                    ReactorResourceFactory factory = new ReactorResourceFactory();
                    factory.setUseGlobalResources(false);
                    return factory;
                }))
                // as arguments, over application.properties (its fixed port, for one)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        Readiness.await(context.getBean(ServiceRuntime.class));
        return context;
    }

    /** An instance still running: one of the tests stops the other. */
    private static ConfigurableApplicationContext alive() {
        return first != null ? first : second;
    }

    private static SignedHttp http(ConfigurableApplicationContext context) {
        return new SignedHttp("http://localhost:" + port(context));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aRequestReplayedToTheOtherInstanceIsRefusedAlsoAfterItsPartitionMoved() throws Exception {
        Wallet owner = Wallet.create();
        // the instance whose processor owns the account's partition takes the requests; the other
        // one, whose memory never sees them, gets the replays
        int partition = partitionOf(owner.address());
        ConfigurableApplicationContext holder = awaitOwner(partition);
        ConfigurableApplicationContext other = holder == first ? second : first;
        SignedHttp x = http(holder);
        SignedHttp y = http(other);
        x.post(OPERATOR, "/v1/accounts/" + owner.address() + "/deposits",
                Map.of("amount", "5.0000 OSB", "deposit_ref", "rail-" + UUID.randomUUID())).expect(200);
        String path = "/v1/accounts/" + owner.address() + "/withdrawals";
        byte[] body = "{\"amount\":\"1.0000 OSB\"}".getBytes(StandardCharsets.UTF_8);
        RequestSignature.SignedHeaders once = owner.signRequest("POST", path, body, Clock.systemUTC());
        RequestSignature.SignedHeaders twice = owner.signRequest("POST", path, body, Clock.systemUTC());
        assertThat(x.send("POST", path, body, once).expect(200).json().get("available").stringValue())
                .isEqualTo("4.0000 OSB");
        assertThat(x.send("POST", path, body, twice).expect(200).json().get("available").stringValue())
                .isEqualTo("3.0000 OSB");

        // the first request through the other instance: refused by the processor that holds the claim
        SignedHttp.Response replayed = y.send("POST", path, body, once);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(401);
        assertThat(replayed.errorCode()).isEqualTo("AUTH.NONCE_REUSED");

        // the holder stops: the other instance takes the partition and replays the claims from
        // settlement.nonces, so the second request, which it never saw, is refused too
        holder.close();
        if (holder == first) {
            first = null;
        } else {
            second = null;
        }
        awaitPartition(other, partition);
        SignedHttp.Response again = y.send("POST", path, body, twice);
        assertThat(again.status()).as(again.body()).isEqualTo(401);
        assertThat(again.errorCode()).isEqualTo("AUTH.NONCE_REUSED");

        // two withdrawals, one claim of each nonce, and the balance moved twice
        assertThat(y.get("/v1/accounts/" + owner.address()).expect(200).json().get("available").stringValue())
                .isEqualTo("3.0000 OSB");
        for (RequestSignature.SignedHeaders request : List.of(once, twice)) {
            List<NonceClaimed> claims = TopicReader.readAll(KafkaBroker.bootstrapServers(),
                            Topics.SETTLEMENT_NONCES.name()).stream()
                    .map(r -> (NonceClaimed) CODEC.decode(r.value()))
                    .filter(c -> c.getNonce().equals(request.nonce())).toList();
            assertThat(claims).hasSize(1);
            assertThat(claims.get(0).getSigner()).isEqualTo(owner.address());
            assertThat(claims.get(0).getAggregateId()).isEqualTo(owner.address());
        }
        assertThat(y.send("POST", path, body, owner.signRequest("POST", path, body, Clock.systemUTC())).expect(200)
                .json().get("available").stringValue()).isEqualTo("2.0000 OSB");
    }

    @Test
    void aCommandOlderThanTheSignatureWindowLeftOnTheCommandsTopicIsRefused(CapturedOutput output) throws Exception {
        Wallet owner = Wallet.create();
        SignedHttp b = http(alive());
        b.post(OPERATOR, "/v1/accounts/" + owner.address() + "/deposits",
                Map.of("amount", "2.0000 OSB", "deposit_ref", "rail-" + UUID.randomUUID())).expect(200);
        // as a gateway that crashed before the processor read it would have left it, signed 6 minutes ago
        Instant signedAt = Instant.now().minusSeconds(360);
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> stale = new ProducerRecord<>(Topics.SETTLEMENT_COMMANDS.name(), owner.address(),
                CODEC.encode(new Withdraw(owner.address(), "stale-nonce-1", signedAt, owner.address(), 15_000L, 77L)));
        new CommandOrigin(owner.address(), "stale-nonce-1", signedAt.getEpochSecond()).writeTo(stale.headers());
        stale.headers().add(KafkaHeaders.CORRELATION_ID, correlation);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        stale.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(stale).get();
        }
        var reply = TopicReader.awaitHeader(KafkaBroker.bootstrapServers(), Topics.SETTLEMENT_REPLIES.name(),
                KafkaHeaders.CORRELATION_ID, correlation);
        CommandReply refused = (CommandReply) CODEC.decode(reply.value());
        assertThat(refused.getAccepted()).isFalse();
        assertThat(refused.getErrorCode()).isEqualTo("AUTH.STALE_COMMAND");
        assertThat(refused.getErrorKind()).isEqualTo("UNAUTHORIZED");
        assertThat(b.get("/v1/accounts/" + owner.address()).expect(200).json().get("available").stringValue())
                .isEqualTo("2.0000 OSB");
        assertThat(b.get("/v1/accounts/" + owner.address() + "/entries").expect(200).json().get("total").longValue())
                .isEqualTo(1);

        // the processor's log line about the refusal is a JSON object naming the command's trace
        JsonNode line = output.getOut().lines().filter(l -> l.contains(traceId)).map(JSON::readTree).findFirst()
                .orElseThrow(() -> new AssertionError("no log line names trace " + traceId));
        assertThat(line.get("log").get("level").stringValue()).isEqualTo("WARN");
        assertThat(line.get("message").stringValue()).contains("refused a command").contains(owner.address());
        assertThat(line.get("traceId").stringValue()).isEqualTo(traceId);
    }

    @Test
    void answersNettyGivesBeforeTheApplicationCarryTheErrorBody() throws Exception {
        SignedHttp b = http(alive());
        SignedHttp.Response longUri = b.get("/v1/accounts/" + "a".repeat(20_000));
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.errorCode()).isEqualTo("HTTP.URI_TOO_LONG");
        assertThat(longUri.errorMsg()).isNotBlank();

        String bigHeader = "X-Filler: " + "b".repeat(20_000) + "\r\n";
        String headers = raw(port(alive()), "GET /v1/ledger HTTP/1.1\r\nHost: localhost\r\n" + bigHeader + "\r\n");
        assertThat(headers).startsWith("HTTP/1.1 431").contains("application/json")
                .contains("\"errorCode\":\"HTTP.HEADERS_TOO_LARGE\"");

        String garbage = raw(port(alive()), "GET /v1/ledger HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n");
        assertThat(garbage).startsWith("HTTP/1.1 400").contains("\"errorCode\":\"HTTP.BAD_REQUEST\"")
                .contains("\"errorMsg\":");
    }

    /** Sends raw bytes on a new connection and reads the answer until the server closes it. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The partition of settlement.commands a command keyed {@code key} goes to (Kafka's keyed partitioning). */
    private static int partitionOf(String key) {
        int partitions = TopicReader.partitionCount(KafkaBroker.bootstrapServers(), Topics.SETTLEMENT_COMMANDS.name());
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The running instance whose processor owns {@code partition}, once one does. */
    private static ConfigurableApplicationContext awaitOwner(int partition) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ConfigurableApplicationContext context : java.util.stream.Stream.of(first, second)
                    .filter(java.util.Objects::nonNull).toList()) {
                ServiceRuntime runtime = context.getBean(ServiceRuntime.class);
                if (runtime.isCaughtUp() && runtime.processor().assignedPartitions().contains(partition)) {
                    return context;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("neither instance owns partition " + partition + " of settlement.commands");
    }

    /** Waits until {@code context}'s processor owns {@code partition} and has caught up. */
    private static void awaitPartition(ConfigurableApplicationContext context, int partition)
            throws InterruptedException {
        ServiceRuntime runtime = context.getBean(ServiceRuntime.class);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!runtime.processor().assignedPartitions().contains(partition) || !runtime.isCaughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the remaining instance did not take partition " + partition + ": "
                        + runtime.processor().assignedPartitions());
            }
            Thread.sleep(100);
        }
    }
}
