package market.settlement.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataRegistrationCompleted;
import market.settlement.command.ChargeStorageFee;
import market.settlement.command.CollectFee;
import market.settlement.command.CreditPayment;
import market.settlement.command.PayDeal;
import market.settlement.command.CreditReward;
import market.settlement.command.PayReward;
import market.keeper.event.ClaimedReward;
import market.keeper.event.RewardClaimed;
import market.settlement.event.RewardDebited;
import market.settlement.event.FeeDebited;
import market.settlement.event.PaymentDebited;
import org.junit.jupiter.api.Test;

/** Fees are charged to the provider then collected by the treasury; deals are paid by the buyer then credited. */
class SettlementReactorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    private static final String BUYER = "0x2222222222222222222222222222222222222222";
    private static final String DATASET = "0x4444444444444444444444444444444444444444";
    private final SettlementReactor reactor = new SettlementReactor(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCompletedRegistrationWithAPendingFeeChargesTheProvider() {
        assertThat(reactor.react(new DataRegistrationCompleted(42L, PROVIDER, List.of(), NOW, 600L, true)))
                .containsExactly(new KeyedCommand(PROVIDER, new ChargeStorageFee(PROVIDER, 42L, 600L, NOW)));
        assertThat(reactor.react(new DataRegistrationCompleted(42L, PROVIDER, List.of(), NOW, 0L, false))).isEmpty();
    }

    @Test
    void aDebitedFeeGoesToTheTreasury() {
        assertThat(reactor.react(new FeeDebited(PROVIDER, 42L, 600L, NOW))).containsExactly(new KeyedCommand(
                "osb.trader", new CollectFee("osb.trader", 42L, PROVIDER, 600L, NOW)));
    }

    @Test
    void aCreatedDealIsPaidByTheBuyerThenCreditedToTheProvider() {
        assertThat(reactor.react(new DealCreated(DATASET, 42L, 7L, "0xab", BUYER, PROVIDER, 20_000L, "0x04", NOW)))
                .containsExactly(new KeyedCommand(BUYER, new PayDeal(BUYER, 7L, 42L, DATASET, PROVIDER, 20_000L, NOW)));
        assertThat(reactor.react(new PaymentDebited(BUYER, 7L, 42L, DATASET, PROVIDER, 20_000L, NOW)))
                .containsExactly(new KeyedCommand(PROVIDER,
                        new CreditPayment(PROVIDER, 7L, 42L, DATASET, BUYER, 20_000L, NOW)));
    }

    @Test
    void aClaimedRewardIsPaidByTheTreasuryThenCreditedToTheKeeper() {
        String keeper = "0x3333333333333333333333333333333333333333";
        assertThat(reactor.react(new RewardClaimed(900L, 42L, keeper, 30L, 120L,
                List.of(new ClaimedReward(5L, 1L, 120L)), NOW)))
                .containsExactly(new KeyedCommand("osb.trader", new PayReward("osb.trader", 900L, 42L, keeper, 120L,
                        NOW)));
        assertThat(reactor.react(new RewardDebited("osb.trader", 900L, 42L, keeper, 120L, NOW)))
                .containsExactly(new KeyedCommand(keeper, new CreditReward(keeper, 900L, 42L, 120L, NOW)));
    }

    @Test
    void otherEventsCauseNothing() {
        assertThat(reactor.react(new DealCompleted(DATASET, 42L, 7L, BUYER, PROVIDER, 20_000L, "0x04", NOW))).isEmpty();
    }

    @Test
    void aPricedAttributeKeyIsPaidByTheBuyerThenCreditedToTheProvider() {
        assertThat(reactor.react(new market.registry.event.AbeKeyPriced(PROVIDER, BUYER, "k-1", "[]", "0xab", 10_000L,
                555L, NOW))).containsExactly(new KeyedCommand(BUYER, new market.settlement.command.PayAbeKey(BUYER, 555L,
                PROVIDER, "k-1", 10_000L, NOW)));
        assertThat(reactor.react(new market.settlement.event.AbeKeyPaymentDebited(BUYER, 555L, PROVIDER, "k-1", 10_000L,
                NOW))).containsExactly(new KeyedCommand(PROVIDER, new market.settlement.command.CreditAbeKeyPayment(
                PROVIDER, 555L, BUYER, "k-1", 10_000L, NOW)));
    }
}
