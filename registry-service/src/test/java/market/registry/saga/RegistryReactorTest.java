package market.registry.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.command.ConfirmStorageFee;
import market.registry.command.FailRegistration;
import market.registry.command.ReleaseKeys;
import market.settlement.event.FeeDebited;
import market.settlement.event.FeeRejected;
import org.junit.jupiter.api.Test;

/** The fee's outcome reaches the dataset; a completed deal releases its keys; keyed by data_id. */
class RegistryReactorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    private static final String BUYER = "0x2222222222222222222222222222222222222222";
    private static final String DATASET = "0x4444444444444444444444444444444444444444";
    private final RegistryReactor reactor = new RegistryReactor(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aChargedFeeConfirmsAndARejectedOneFailsTheRegistration() {
        assertThat(reactor.react(new FeeDebited(PROVIDER, 42L, 600L, NOW)))
                .containsExactly(new KeyedCommand("42", new ConfirmStorageFee(42L, 600L, NOW)));
        assertThat(reactor.react(new FeeRejected(PROVIDER, 42L, 600L, "insufficient funds", NOW)))
                .containsExactly(new KeyedCommand("42", new FailRegistration(42L, "insufficient funds", NOW)));
    }

    @Test
    void aCompletedDealReleasesTheKeysToItsBuyer() {
        assertThat(reactor.react(new DealCompleted(DATASET, 42L, 7L, BUYER, PROVIDER, 20_000L, "0x04ab", NOW)))
                .containsExactly(new KeyedCommand("42", new ReleaseKeys(42L, 7L, BUYER, "0x04ab", NOW)));
    }

    @Test
    void otherEventsCauseNothing() {
        assertThat(reactor.react(new DealCreated(DATASET, 42L, 7L, "0xab", BUYER, PROVIDER, 1L, "0x04", NOW))).isEmpty();
    }
}
