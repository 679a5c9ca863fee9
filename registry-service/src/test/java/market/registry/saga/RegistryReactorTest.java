package market.registry.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import market.keeper.event.FragmentPlacement;
import market.keeper.event.FragmentStored;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.PlacementRejected;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.command.ConfirmFragmentStored;
import market.registry.command.ConfirmStorageFee;
import market.registry.command.FailPlacement;
import market.registry.command.FailRegistration;
import market.registry.command.PlacedFragment;
import market.registry.command.RecordPlacement;
import market.registry.command.ReleaseKeys;
import market.settlement.event.FeeDebited;
import market.settlement.event.FeeRejected;
import org.junit.jupiter.api.Test;

/**
 * The fee's outcome and keeper-service's placement and stored fragments reach the dataset; a
 * completed deal releases its keys; keyed by data_id.
 */
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
    void keeperServicesPlacementAndStoredFragmentsReachTheDataset() {
        assertThat(reactor.react(new FragmentsPlaced(42L, PROVIDER, List.of(new FragmentPlacement(1L, 100L, 7L)), NOW)))
                .containsExactly(new KeyedCommand("42", new RecordPlacement(42L, List.of(new PlacedFragment(1L, 7L)),
                        NOW)));
        assertThat(reactor.react(new PlacementRejected(42L, PROVIDER, "cluster 7 does not exist", NOW)))
                .containsExactly(new KeyedCommand("42", new FailPlacement(42L, "cluster 7 does not exist", NOW)));
        assertThat(reactor.react(new FragmentStored(42L, 1L, "bafkreiexample", 2, NOW)))
                .containsExactly(new KeyedCommand("42", new ConfirmFragmentStored(42L, 1L, "bafkreiexample", 2, NOW)));
    }

    @Test
    void anOpenedStorageRecordLetsStagedFragmentsBeDeclared() {
        assertThat(reactor.react(new market.keeper.event.StorageOpened(42L, PROVIDER,
                List.of(new market.keeper.event.OpenedFragment(1L, 100L, 7L)), NOW)))
                .containsExactly(new KeyedCommand("42", new market.registry.command.DeclareStagedFragments(42L, NOW)));
    }

    @Test
    void otherEventsCauseNothing() {
        assertThat(reactor.react(new DealCreated(DATASET, 42L, 7L, "0xab", BUYER, PROVIDER, 1L, "0x04", NOW))).isEmpty();
    }

    @Test
    void aPaidAttributeKeyIsIssuedAndARefusedPaymentFailsItsOrderAtTheProvider() {
        assertThat(reactor.react(new market.settlement.event.AbeKeyPaymentSettled(PROVIDER, 555L, BUYER, "k-1", 10_000L,
                NOW))).containsExactly(new KeyedCommand(PROVIDER, new market.registry.command.IssuePaidAbeKey(PROVIDER,
                BUYER, "k-1", NOW)));
        assertThat(reactor.react(new market.settlement.event.AbeKeyPaymentRejected(BUYER, 555L, PROVIDER, "k-1", 10_000L,
                "insufficient funds", NOW))).containsExactly(new KeyedCommand(PROVIDER,
                new market.registry.command.FailAbeKeyPayment(PROVIDER, BUYER, "k-1", "insufficient funds", NOW)));
    }
}
