package market.settlement.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import market.platform.config.ServiceRuntime;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.Readiness;
import market.platform.testing.SignedHttp;
import market.platform.testing.TopicReader;
import market.schemas.Topics;
import market.settlement.SettlementApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Deposits, withdrawals, the ledger and conservation over a real broker; bad input writes nothing. */
@SpringBootTest(classes = SettlementApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class: an instance left running would share the processor group with ReplicaRequestTest's
@org.springframework.test.annotation.DirtiesContext
class SettlementServiceTest {

    private static final Wallet OPERATOR = Wallet.create();

    @LocalServerPort
    int port;

    @Autowired
    ServiceRuntime runtime;

    private SignedHttp http;
    private final Wallet owner = Wallet.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaBroker::bootstrapServers);
        registry.add("market.settlement.operator-address", OPERATOR::address);
        registry.add("market.instance-id", () -> "settlement-test");
    }

    @BeforeEach
    void awaitReady() {
        http = new SignedHttp("http://localhost:" + port);
        Readiness.await(runtime);
    }

    private SignedHttp.Response deposit(Wallet signer, String account, String amount, String ref) {
        return http.post(signer, "/v1/accounts/" + account + "/deposits", Map.of("amount", amount, "deposit_ref", ref));
    }

    private SignedHttp.Response withdraw(Wallet signer, String account, String amount) {
        return http.post(signer, "/v1/accounts/" + account + "/withdrawals", Map.of("amount", amount));
    }

    private static SignedHttp.Response expect(SignedHttp.Response response, int status) {
        return response.expect(status);
    }

    @Test
    void depositsAreIdempotentOnTheRailReference() {
        String ref = "rail-" + UUID.randomUUID();
        expect(deposit(OPERATOR, owner.address(), "5.0000 OSB", ref), 200);
        SignedHttp.Response again = expect(deposit(OPERATOR, owner.address(), "5.0000 OSB", ref), 200);
        assertThat(again.json().get("available").stringValue()).isEqualTo("5.0000 OSB");
        assertThat(expect(http.get("/v1/accounts/" + owner.address()), 200).json().get("total").stringValue())
                .isEqualTo("5.0000 OSB");
    }

    @Test
    void withdrawalsTakeAtMostTheAvailableBalance() {
        expect(deposit(OPERATOR, owner.address(), "3.0000 OSB", "rail-" + UUID.randomUUID()), 200);
        assertThat(expect(withdraw(owner, owner.address(), "1.2500 OSB"), 200).json().get("available").stringValue())
                .isEqualTo("1.7500 OSB");
        assertRejectedWithoutEvent(409, "SETTLEMENT.INSUFFICIENT_FUNDS",
                () -> withdraw(owner, owner.address(), "1.7501 OSB"));
        assertThat(expect(http.get("/v1/accounts/" + owner.address()), 200).json().get("available").stringValue())
                .isEqualTo("1.7500 OSB");
    }

    @Test
    void everyMovementIsAnEntryPairAndTheLedgerBalances() {
        String ref = "rail-" + UUID.randomUUID();
        expect(deposit(OPERATOR, owner.address(), "2.0000 OSB", ref), 200);
        expect(withdraw(owner, owner.address(), "0.5000 OSB"), 200);
        SignedHttp.Response entries = expect(http.get("/v1/accounts/" + owner.address() + "/entries"), 200);
        assertThat(entries.json().get("total").longValue()).isEqualTo(2);
        assertThat(entries.json().get("items").get(0).get("amount").stringValue()).isEqualTo("2.0000 OSB");
        assertThat(entries.json().get("items").get(0).get("counter_account").stringValue()).isEqualTo("payment-rail");
        assertThat(entries.json().get("items").get(0).get("cause").stringValue()).isEqualTo("deposit " + ref);
        assertThat(entries.json().get("items").get(1).get("amount").stringValue()).isEqualTo("-0.5000 OSB");

        SignedHttp.Response ledger = expect(http.get("/v1/ledger"), 200);
        assertThat(ledger.json().get("balanced").booleanValue()).isTrue();
        assertThat(expect(http.get("/v1/treasury"), 200).json().get("account").stringValue()).isEqualTo("osb.trader");
    }

    @Test
    void onlyTheOperatorDeposits() {
        assertRejectedWithoutEvent(403, "SETTLEMENT.NOT_OPERATOR",
                () -> deposit(owner, owner.address(), "5.0000 OSB", "rail-" + UUID.randomUUID()));
    }

    @Test
    void onlyTheOwnerWithdraws() {
        expect(deposit(OPERATOR, owner.address(), "1.0000 OSB", "rail-" + UUID.randomUUID()), 200);
        assertRejectedWithoutEvent(403, "SETTLEMENT.NOT_OWNER", () -> withdraw(Wallet.create(), owner.address(),
                "1.0000 OSB"));
    }

    @Test
    void badAmountsAreRefused() {
        assertRejectedWithoutEvent(400, "SETTLEMENT.INVALID_AMOUNT",
                () -> deposit(OPERATOR, owner.address(), "-1.0000 OSB", "rail-" + UUID.randomUUID()));
        assertRejectedWithoutEvent(400, "SETTLEMENT.INVALID_AMOUNT",
                () -> withdraw(owner, owner.address(), "0 OSB"));
        assertRejectedWithoutEvent(400, "REQUEST.INVALID_FIELD",
                () -> deposit(OPERATOR, owner.address(), "999999999999999 OSB", "rail-" + UUID.randomUUID()));
        assertRejectedWithoutEvent(400, "REQUEST.INVALID_FIELD",
                () -> deposit(OPERATOR, owner.address(), "1.00001 OSB", "rail-" + UUID.randomUUID()));
        expect(deposit(OPERATOR, owner.address(), "900000000000000 OSB", "rail-" + UUID.randomUUID()), 200);
        assertRejectedWithoutEvent(400, "SETTLEMENT.AMOUNT_OVERFLOW",
                () -> deposit(OPERATOR, owner.address(), "900000000000000 OSB", "rail-" + UUID.randomUUID()));
    }

    @Test
    void badRequestsAreRefused() {
        byte[] body = "{\"amount\":\"1.0000 OSB\",\"deposit_ref\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
        String path = "/v1/accounts/" + owner.address() + "/deposits";
        assertRejectedWithoutEvent(401, "AUTH.UNSIGNED", () -> http.send("POST", path, body, null));
        RequestSignature.SignedHeaders mine = owner.signRequest("POST", path, body, Clock.systemUTC());
        RequestSignature.SignedHeaders claimed = new RequestSignature.SignedHeaders(OPERATOR.address(),
                mine.timestamp(), mine.nonce(), mine.signature());
        assertRejectedWithoutEvent(401, "AUTH.BAD_SIGNATURE", () -> http.send("POST", path, body, claimed));
        RequestSignature.SignedHeaders once = OPERATOR.signRequest("POST", path, body, Clock.systemUTC());
        expect(http.send("POST", path, body, once), 200);
        assertRejectedWithoutEvent(401, "AUTH.NONCE_REUSED", () -> http.send("POST", path, body, once));
        assertRejectedWithoutEvent(400, "REQUEST.MALFORMED_JSON", () -> http.signed(OPERATOR, "POST", path,
                "{\"amount\":".getBytes(StandardCharsets.UTF_8)));
        assertRejectedWithoutEvent(400, "REQUEST.MISSING_FIELD", () -> http.post(OPERATOR, path,
                Map.of("amount", "1.0000 OSB")));
        assertRejectedWithoutEvent(400, "REQUEST.INVALID_PARAMETER", () -> http.post(OPERATOR,
                "/v1/accounts/not-an-address/deposits", Map.of("amount", "1.0000 OSB", "deposit_ref", "r")));
    }

    private void assertRejectedWithoutEvent(int status, String errorCode, Supplier<SignedHttp.Response> request) {
        long before = TopicReader.endOffsetSum(KafkaBroker.bootstrapServers(), Topics.SETTLEMENT_EVENTS.name());
        SignedHttp.Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.body()).isEqualTo(errorCode);
        assertThat(response.errorMsg()).isNotBlank();
        assertThat(TopicReader.endOffsetSum(KafkaBroker.bootstrapServers(), Topics.SETTLEMENT_EVENTS.name()))
                .as("no event for " + errorCode).isEqualTo(before);
        assertThat(expect(http.get("/v1/ledger"), 200).json().get("balanced").booleanValue()).isTrue();
    }
}
