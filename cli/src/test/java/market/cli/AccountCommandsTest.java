package market.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountCommandsTest {

    private static final String ACCOUNT_VIEW =
            "{\"account\":\"%s\",\"available\":\"10.0000 OSB\",\"locked\":\"0.0000 OSB\",\"total\":\"10.0000 OSB\"}";

    @TempDir
    Path home;

    @TempDir
    Path operatorHome;

    private Wallet wallet;
    private Wallet operator;
    private FakeService registry;
    private FakeService settlement;

    @BeforeEach
    void createWalletsAndServices() throws Exception {
        wallet = Wallet.create();
        TestWallets.save(wallet, home);
        operator = Wallet.create();
        operator.save(operatorHome.resolve("wallet.properties"));
        registry = FakeService.answering(500, "");
        settlement = FakeService.answering(200, ACCOUNT_VIEW.formatted(wallet.address()));
    }

    @AfterEach
    void stopServices() {
        registry.close();
        settlement.close();
    }

    private CliRun market(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--url", registry.url(),
                "--settlement-url", settlement.url()));
        all.addAll(List.of(args));
        return CliRun.market(all.toArray(String[]::new));
    }

    @Test
    void depositIsSignedByTheOperatorAndSentToTheSettlementService() {
        String to = Wallet.create().address();

        CliRun run = market("account", "deposit", "--to", "0x" + to.substring(2).toUpperCase(Locale.ROOT),
                "--amount", "10 OSB", "--ref", "bank-transfer-7", "--operator-home", operatorHome.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        FakeService.Received request = settlement.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathWithQuery()).isEqualTo("/v1/accounts/" + to + "/deposits");
        assertThat(request.json().get("amount").stringValue()).isEqualTo("10.0000 OSB");
        assertThat(request.json().get("deposit_ref").stringValue()).isEqualTo("bank-transfer-7");
        assertThat(request.header(RequestSignature.ADDRESS_HEADER)).isEqualTo(operator.address());
        assertThat(request.signer()).isEqualTo(operator.address()).isNotEqualTo(wallet.address());
        assertThat(registry.received()).isEmpty();
        assertThat(run.out()).contains("\"available\" : \"10.0000 OSB\"").endsWith("deposit_ref: bank-transfer-7\n");
    }

    @Test
    void depositCreditsTheWalletsOwnAccountUnderAFreshRefThatItPrints() {
        CliRun run = market("account", "deposit", "--amount", "2.5 OSB", "--operator-home", operatorHome.toString());

        assertThat(run.exitCode()).isZero();
        FakeService.Received request = settlement.last();
        assertThat(request.pathWithQuery()).isEqualTo("/v1/accounts/" + wallet.address() + "/deposits");
        String ref = request.json().get("deposit_ref").stringValue();
        assertThat(ref).matches("cli-[0-9a-f-]{36}");
        assertThat(run.out()).endsWith("deposit_ref: " + ref + "\n");
    }

    @Test
    void depositWithoutAnOperatorHomeSaysWhereTheOperatorKeyIs() {
        assumeTrue(System.getenv("MARKET_OPERATOR_HOME") == null, "MARKET_OPERATOR_HOME is set");

        CliRun run = market("account", "deposit", "--amount", "10 OSB");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: deposits are signed by the operator key: set --operator-home "
                + "or MARKET_OPERATOR_HOME (the launcher keeps it in <data dir>/operator)");
        assertThat(settlement.received()).isEmpty();
    }

    @Test
    void withdrawIsSignedByTheWalletOnItsOwnAccount() {
        CliRun run = market("account", "withdraw", "--amount", "1 OSB");

        assertThat(run.exitCode()).isZero();
        FakeService.Received request = settlement.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathWithQuery()).isEqualTo("/v1/accounts/" + wallet.address() + "/withdrawals");
        assertThat(request.json().get("amount").stringValue()).isEqualTo("1.0000 OSB");
        assertThat(request.json().size()).isEqualTo(1);
        assertThat(request.signer()).isEqualTo(wallet.address());
        assertThat(run.out()).contains("\"total\" : \"10.0000 OSB\"");
    }

    @Test
    void showReadsTheWalletsOwnAccountUnsigned() {
        CliRun run = market("account", "show");

        assertThat(run.exitCode()).isZero();
        FakeService.Received request = settlement.last();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathWithQuery()).isEqualTo("/v1/accounts/" + wallet.address());
        assertThat(request.header(RequestSignature.SIGNATURE_HEADER)).isNull();
        assertThat(run.out()).contains("\"account\" : \"" + wallet.address() + "\"");
    }

    @Test
    void entriesOfTheTreasuryPageByPage() {
        settlement.answer(200, "{\"items\":[],\"page\":2,\"size\":5,\"total\":0}");

        CliRun run = market("account", "entries", "--account", "osb.trader", "--page", "2", "--size", "5");

        assertThat(run.exitCode()).isZero();
        assertThat(settlement.last().pathWithQuery()).isEqualTo("/v1/accounts/osb.trader/entries?page=2&size=5");
        assertThat(run.out()).contains("\"items\" : [ ]");
    }

    @Test
    void ledgerAndTreasuryReadTheSettlementService() {
        CliRun ledger = market("ledger");
        String ledgerPath = settlement.last().pathWithQuery();
        CliRun treasury = market("treasury");

        assertThat(ledger.exitCode()).isZero();
        assertThat(ledgerPath).isEqualTo("/v1/ledger");
        assertThat(treasury.exitCode()).isZero();
        assertThat(settlement.last().pathWithQuery()).isEqualTo("/v1/treasury");
    }

    @Test
    void aWithdrawalAboveTheBalanceShowsTheServicesError() {
        settlement.answer(409, "{\"errorCode\":\"SETTLEMENT.INSUFFICIENT_FUNDS\",\"errorMsg\":\"insufficient funds\"}");

        CliRun run = market("account", "withdraw", "--amount", "1000 OSB");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: insufficient funds (SETTLEMENT.INSUFFICIENT_FUNDS)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aNegativeAmountIsAUsageError() {
        CliRun withdraw = market("account", "withdraw", "--amount", "-1 OSB");
        CliRun deposit = market("account", "deposit", "--amount=-1.0000 OSB", "--operator-home",
                operatorHome.toString());

        for (CliRun run : List.of(withdraw, deposit)) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Invalid value for option '--amount'", "cannot be negative");
        }
        assertThat(settlement.received()).isEmpty();
    }

    @Test
    void anAccountThatIsNotAnAddressIsAUsageError() {
        CliRun run = market("account", "show", "--account", "0x1234");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("an account is 0x and 40 hex digits, or osb.trader");
        assertThat(settlement.received()).isEmpty();
    }

    @Test
    void namesTheSettlementServiceInAnErrorWithoutAnErrorBody() {
        settlement.answer(502, "Bad Gateway");

        CliRun run = market("treasury");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: the settlement service answered HTTP 502: Bad Gateway");
    }
}
