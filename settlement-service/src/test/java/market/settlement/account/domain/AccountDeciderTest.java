package market.settlement.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import market.platform.domain.Rejection;
import market.platform.testing.DeciderFixture;
import market.settlement.account.domain.AccountCommand.Deposit;
import market.settlement.account.domain.AccountCommand.Withdraw;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.account.domain.AccountEvent.FundsWithdrawn;
import org.junit.jupiter.api.Test;

class AccountDeciderTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final String OPERATOR = "0x9999999999999999999999999999999999999999";
    private static final String OWNER = "0x1111111111111111111111111111111111111111";
    private static final String STRANGER = "0x2222222222222222222222222222222222222222";

    private final DeciderFixture<AccountCommand, AccountEvent, AccountState> fixture =
            DeciderFixture.of(new AccountDecider());

    private static FundsDeposited deposited(long amount, String ref) {
        return new FundsDeposited(OWNER, amount, ref, OPERATOR, AT);
    }

    @Test
    void aDepositCreditsTheAvailableBalance() {
        AccountState state = fixture.given().when(new Deposit(OPERATOR, OWNER, 50_000, "rail-1", AT))
                .then(deposited(50_000, "rail-1"));
        assertThat(state.available()).isEqualTo(50_000);
        assertThat(state.deposited()).isEqualTo(50_000);
    }

    @Test
    void aRepeatedDepositReferenceChangesNothing() {
        AccountState state = fixture.given(deposited(50_000, "rail-1"))
                .when(new Deposit(OPERATOR, OWNER, 50_000, "rail-1", AT)).then();
        assertThat(state.available()).isEqualTo(50_000);
    }

    @Test
    void aDepositReferenceNeverChangesItsAmount() {
        Rejection rejection = fixture.given(deposited(50_000, "rail-1"))
                .when(new Deposit(OPERATOR, OWNER, 60_000, "rail-1", AT))
                .thenRejects("SETTLEMENT.DEPOSIT_REF_CONFLICT");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void aReplayedWithdrawalChangesNothing() {
        AccountState state = fixture.given(deposited(50_000, "rail-1"), new FundsWithdrawn(OWNER, 20_000, 7, AT))
                .when(new Withdraw(OWNER, OWNER, 20_000, 7, AT)).then();
        assertThat(state.available()).isEqualTo(30_000);
        assertThat(state.withdrawn()).isEqualTo(20_000);
    }

    @Test
    void aDepositAmountMustBePositive() {
        fixture.given().when(new Deposit(OPERATOR, OWNER, 0, "rail-1", AT)).thenRejects("SETTLEMENT.INVALID_AMOUNT");
        fixture.given().when(new Deposit(OPERATOR, OWNER, -5, "rail-1", AT)).thenRejects("SETTLEMENT.INVALID_AMOUNT");
    }

    @Test
    void aDepositNeedsAReference() {
        fixture.given().when(new Deposit(OPERATOR, OWNER, 5, " ", AT)).thenRejects("SETTLEMENT.INVALID_DEPOSIT_REF");
        fixture.given().when(new Deposit(OPERATOR, OWNER, 5, "r".repeat(129), AT))
                .thenRejects("SETTLEMENT.INVALID_DEPOSIT_REF");
    }

    @Test
    void aBalanceNeverOverflows() {
        fixture.given(deposited(Long.MAX_VALUE - 10, "rail-1"))
                .when(new Deposit(OPERATOR, OWNER, 11, "rail-2", AT))
                .thenRejects("SETTLEMENT.AMOUNT_OVERFLOW");
        fixture.given(deposited(Long.MAX_VALUE - 10, "rail-1"))
                .when(new Deposit(OPERATOR, OWNER, 10, "rail-2", AT))
                .then(deposited(10, "rail-2"));
    }

    @Test
    void theOwnerWithdrawsUpToTheAvailableBalance() {
        AccountState state = fixture.given(deposited(50_000, "rail-1"))
                .when(new Withdraw(OWNER, OWNER, 50_000, 7, AT))
                .then(new FundsWithdrawn(OWNER, 50_000, 7, AT));
        assertThat(state.available()).isZero();
        assertThat(state.withdrawn()).isEqualTo(50_000);
    }

    @Test
    void aWithdrawalAboveTheAvailableBalanceIsRefused() {
        Rejection rejection = fixture.given(deposited(50_000, "rail-1"))
                .when(new Withdraw(OWNER, OWNER, 50_001, 7, AT))
                .thenRejects("SETTLEMENT.INSUFFICIENT_FUNDS", "insufficient funds");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void onlyTheOwnerWithdraws() {
        Rejection rejection = fixture.given(deposited(50_000, "rail-1"))
                .when(new Withdraw(STRANGER, OWNER, 1, 7, AT))
                .thenRejects("SETTLEMENT.NOT_OWNER", "Only the owner can withdraw");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void aWithdrawalAmountMustBePositive() {
        fixture.given(deposited(50_000, "rail-1")).when(new Withdraw(OWNER, OWNER, 0, 7, AT))
                .thenRejects("SETTLEMENT.INVALID_AMOUNT");
        fixture.given(deposited(50_000, "rail-1")).when(new Withdraw(OWNER, OWNER, -1, 7, AT))
                .thenRejects("SETTLEMENT.INVALID_AMOUNT");
    }

    @Test
    void anAccountIsRequired() {
        fixture.given().when(new Deposit(OPERATOR, "", 5, "rail-1", AT)).thenRejects("SETTLEMENT.INVALID_ACCOUNT");
    }
}
