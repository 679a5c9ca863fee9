package market.settlement.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import market.platform.testing.DeciderFixture;
import market.settlement.account.domain.AccountCommand.ChargeStorageFee;
import market.settlement.account.domain.AccountCommand.CollectFee;
import market.settlement.account.domain.AccountCommand.CreditPayment;
import market.settlement.account.domain.AccountCommand.CreditReward;
import market.settlement.account.domain.AccountCommand.PayReward;
import market.settlement.account.domain.AccountEvent.RewardCredited;
import market.settlement.account.domain.AccountEvent.RewardDebited;
import market.settlement.account.domain.AccountEvent.RewardRejected;
import market.settlement.account.domain.AccountCommand.PayDeal;
import market.settlement.account.domain.AccountEvent.FeeCredited;
import market.settlement.account.domain.AccountEvent.FeeDebited;
import market.settlement.account.domain.AccountEvent.FeeRejected;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.account.domain.AccountEvent.PaymentDebited;
import market.settlement.account.domain.AccountEvent.PaymentRejected;
import market.settlement.account.domain.AccountEvent.PaymentSettled;
import org.junit.jupiter.api.Test;

/** Storage fees and deal payments: debited once from the available balance, credited once to the payee. */
class AccountMovementsTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final String OPERATOR = "0x9999999999999999999999999999999999999999";
    private static final String BUYER = "0x1111111111111111111111111111111111111111";
    private static final String PROVIDER = "0x2222222222222222222222222222222222222222";
    private static final String TREASURY = "osb.trader";
    private static final String DATASET = "0x4444444444444444444444444444444444444444";

    private final DeciderFixture<AccountCommand, AccountEvent, AccountState> fixture =
            DeciderFixture.of(new AccountDecider());

    private static FundsDeposited deposited(String account, long amount) {
        return new FundsDeposited(account, amount, "rail-" + account, OPERATOR, AT);
    }

    @Test
    void aStorageFeeLeavesTheProviderForClearing() {
        AccountState state = fixture.given(deposited(PROVIDER, 1_000)).when(new ChargeStorageFee(PROVIDER, 42, 600, AT))
                .then(new FeeDebited(PROVIDER, 42, 600, AT));
        assertThat(state.available()).isEqualTo(400);
        assertThat(state.sentToClearing()).isEqualTo(600);
    }

    @Test
    void aStorageFeeAboveTheAvailableBalanceIsRejectedAndMovesNothing() {
        AccountState state = fixture.given(deposited(PROVIDER, 599)).when(new ChargeStorageFee(PROVIDER, 42, 600, AT))
                .then(new FeeRejected(PROVIDER, 42, 600, "insufficient funds", AT));
        assertThat(state.available()).isEqualTo(599);
        assertThat(state.sentToClearing()).isZero();
    }

    @Test
    void aStorageFeeIsChargedOncePerData() {
        fixture.given(deposited(PROVIDER, 1_000), new FeeDebited(PROVIDER, 42, 600, AT))
                .when(new ChargeStorageFee(PROVIDER, 42, 600, AT)).then();
        fixture.given(new FeeRejected(PROVIDER, 42, 600, "insufficient funds", AT), deposited(PROVIDER, 1_000))
                .when(new ChargeStorageFee(PROVIDER, 42, 600, AT)).then();
    }

    @Test
    void theTreasuryCollectsAFeeOnce() {
        AccountState state = fixture.given().when(new CollectFee(TREASURY, 42, PROVIDER, 600, AT))
                .then(new FeeCredited(TREASURY, 42, PROVIDER, 600, AT));
        assertThat(state.available()).isEqualTo(600);
        assertThat(state.receivedFromClearing()).isEqualTo(600);
        fixture.given(new FeeCredited(TREASURY, 42, PROVIDER, 600, AT))
                .when(new CollectFee(TREASURY, 42, PROVIDER, 600, AT)).then();
    }

    private static final String KEEPER = "0x3333333333333333333333333333333333333333";

    @Test
    void aClaimedRewardLeavesTheTreasuryForClearingOnce() {
        FeeCredited collected = new FeeCredited(TREASURY, 42, PROVIDER, 600, AT);
        AccountState state = fixture.given(collected).when(new PayReward(TREASURY, 900, 42, KEEPER, 120, AT))
                .then(new RewardDebited(TREASURY, 900, 42, KEEPER, 120, AT));
        assertThat(state.available()).isEqualTo(480);
        assertThat(state.sentToClearing()).isEqualTo(120);
        fixture.given(collected, new RewardDebited(TREASURY, 900, 42, KEEPER, 120, AT))
                .when(new PayReward(TREASURY, 900, 42, KEEPER, 120, AT)).then();
    }

    @Test
    void theTreasuryNeverPaysARewardItDoesNotHold() {
        AccountState state = fixture.given(new FeeCredited(TREASURY, 42, PROVIDER, 100, AT))
                .when(new PayReward(TREASURY, 900, 42, KEEPER, 120, AT))
                .then(new RewardRejected(TREASURY, 900, 42, KEEPER, 120, "insufficient funds", AT));
        assertThat(state.available()).isEqualTo(100);
        assertThat(state.sentToClearing()).isZero();
        fixture.given(new RewardRejected(TREASURY, 900, 42, KEEPER, 120, "insufficient funds", AT),
                new FeeCredited(TREASURY, 43, PROVIDER, 600, AT))
                .when(new PayReward(TREASURY, 900, 42, KEEPER, 120, AT)).then();
    }

    @Test
    void theKeeperIsCreditedOncePerClaim() {
        AccountState state = fixture.given().when(new CreditReward(KEEPER, 900, 42, 120, AT))
                .then(new RewardCredited(KEEPER, 900, 42, 120, AT));
        assertThat(state.available()).isEqualTo(120);
        assertThat(state.receivedFromClearing()).isEqualTo(120);
        fixture.given(new RewardCredited(KEEPER, 900, 42, 120, AT)).when(new CreditReward(KEEPER, 900, 42, 120, AT))
                .then();
        fixture.given().when(new CreditReward(KEEPER, 901, 42, 0, AT)).thenRejects("SETTLEMENT.INVALID_AMOUNT");
        fixture.given().when(new PayReward(TREASURY, 901, 42, KEEPER, -1, AT)).thenRejects("SETTLEMENT.INVALID_AMOUNT");
    }

    @Test
    void aDealIsPaidFromTheBuyersAvailableBalance() {
        AccountState state = fixture.given(deposited(BUYER, 50_000))
                .when(new PayDeal(BUYER, 7, 42, DATASET, PROVIDER, 20_000, AT))
                .then(new PaymentDebited(BUYER, 7, 42, DATASET, PROVIDER, 20_000, AT));
        assertThat(state.available()).isEqualTo(30_000);
    }

    @Test
    void aDealTheBuyerCannotAffordIsRejectedWithInsufficientFunds() {
        AccountState state = fixture.given(deposited(BUYER, 19_999))
                .when(new PayDeal(BUYER, 7, 42, DATASET, PROVIDER, 20_000, AT))
                .then(new PaymentRejected(BUYER, 7, 42, DATASET, PROVIDER, 20_000, "insufficient funds", AT));
        assertThat(state.available()).isEqualTo(19_999);
    }

    @Test
    void aDealIsDebitedOnce() {
        AccountState state = fixture.given(deposited(BUYER, 50_000),
                new PaymentDebited(BUYER, 7, 42, DATASET, PROVIDER, 20_000, AT))
                .when(new PayDeal(BUYER, 7, 42, DATASET, PROVIDER, 20_000, AT)).then();
        assertThat(state.available()).isEqualTo(30_000);
    }

    @Test
    void theProviderIsCreditedOncePerDeal() {
        AccountState state = fixture.given().when(new CreditPayment(PROVIDER, 7, 42, DATASET, BUYER, 20_000, AT))
                .then(new PaymentSettled(PROVIDER, 7, 42, DATASET, BUYER, 20_000, AT));
        assertThat(state.available()).isEqualTo(20_000);
        fixture.given(new PaymentSettled(PROVIDER, 7, 42, DATASET, BUYER, 20_000, AT))
                .when(new CreditPayment(PROVIDER, 7, 42, DATASET, BUYER, 20_000, AT)).then();
    }

    @Test
    void movementsOfNoMoneyAreInvalid() {
        fixture.given().when(new ChargeStorageFee(PROVIDER, 42, 0, AT)).thenRejects("SETTLEMENT.INVALID_AMOUNT");
        fixture.given().when(new PayDeal(BUYER, 7, 42, DATASET, PROVIDER, -1, AT))
                .thenRejects("SETTLEMENT.INVALID_AMOUNT");
        fixture.given().when(new CollectFee(TREASURY, 42, PROVIDER, 0, AT)).thenRejects("SETTLEMENT.INVALID_AMOUNT");
        fixture.given().when(new CreditPayment(PROVIDER, 7, 42, DATASET, BUYER, 0, AT))
                .thenRejects("SETTLEMENT.INVALID_AMOUNT");
    }

    @Test
    void aCreditThatWouldOverflowTheBalanceIsRejected() {
        fixture.given(deposited(PROVIDER, Long.MAX_VALUE - 5))
                .when(new CreditPayment(PROVIDER, 7, 42, DATASET, BUYER, 6, AT))
                .thenRejects("SETTLEMENT.AMOUNT_OVERFLOW");
    }

    @Test
    void anAttributeKeysPriceLeavesTheBuyerOnceAndReachesTheProviderOnce() {
        var pay = new AccountCommand.PayAbeKey(BUYER, 555, PROVIDER, "k-1", 10_000, AT);
        var debited = new AccountEvent.AbeKeyPaymentDebited(BUYER, 555, PROVIDER, "k-1", 10_000, AT);
        AccountState paid = fixture.given(deposited(BUYER, 25_000)).when(pay).then(debited);
        org.assertj.core.api.Assertions.assertThat(paid.available()).isEqualTo(15_000);
        org.assertj.core.api.Assertions.assertThat(paid.sentToClearing()).isEqualTo(10_000);
        fixture.given(deposited(BUYER, 25_000), debited).when(pay).then();
        var credit = new AccountCommand.CreditAbeKeyPayment(PROVIDER, 555, BUYER, "k-1", 10_000, AT);
        var settled = new AccountEvent.AbeKeyPaymentSettled(PROVIDER, 555, BUYER, "k-1", 10_000, AT);
        AccountState provider = fixture.given().when(credit).then(settled);
        org.assertj.core.api.Assertions.assertThat(provider.available()).isEqualTo(10_000);
        fixture.given(settled).when(credit).then();
    }

    @Test
    void anAttributeKeyAboveTheBuyersBalanceIsRejectedAndMovesNothing() {
        var pay = new AccountCommand.PayAbeKey(BUYER, 555, PROVIDER, "k-1", 10_000, AT);
        var rejected = new AccountEvent.AbeKeyPaymentRejected(BUYER, 555, PROVIDER, "k-1", 10_000, "insufficient funds",
                AT);
        AccountState state = fixture.given(deposited(BUYER, 9_999)).when(pay).then(rejected);
        org.assertj.core.api.Assertions.assertThat(state.available()).isEqualTo(9_999);
        // answered once: a later deposit does not make the rejected payment go through
        fixture.given(deposited(BUYER, 9_999), rejected, deposited(BUYER, 50_000)).when(pay).then();
        fixture.given(deposited(BUYER, 50_000)).when(new AccountCommand.PayAbeKey(BUYER, 555, PROVIDER, "k-1", 0, AT))
                .thenRejects("SETTLEMENT.INVALID_AMOUNT");
    }
}
