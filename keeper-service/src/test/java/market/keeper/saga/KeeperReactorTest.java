package market.keeper.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import market.keeper.KeeperAggregates;
import market.keeper.command.CloseStorage;
import market.keeper.command.FragmentToPlace;
import market.keeper.command.OpenStorage;
import market.keeper.command.PlaceFragments;
import market.keeper.command.ReleasePlacement;
import market.keeper.command.StoragePlacement;
import market.keeper.event.FragmentPlacement;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.PlacementReleased;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.RegisteredFragment;
import org.junit.jupiter.api.Test;

class KeeperReactorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String PROVIDER = "0x9999999999999999999999999999999999999999";

    private final KeeperReactor reactor = new KeeperReactor(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aStartedRegistrationPlacesItsFragmentsOnTheDirectory() {
        List<KeyedCommand> commands = reactor.react(new DataRegistrationStarted(42L, "weather", PROVIDER, 20_000L,
                List.of("Seoul"), 30L, "0".repeat(64), 7000L, List.of(new RegisteredFragment(1L, 4000L, "1".repeat(64), 7L),
                        new RegisteredFragment(2L, 3000L, "2".repeat(64), 0L)), 10L, 1L, 300L, NOW));

        assertThat(commands).containsExactly(new KeyedCommand(KeeperAggregates.DIRECTORY, new PlaceFragments(42L, PROVIDER,
                List.of(new FragmentToPlace(1L, 4000L, 7L), new FragmentToPlace(2L, 3000L, 0L)), NOW)));
    }

    @Test
    void aRemovalOrAFailedRegistrationReleasesTheRoom() {
        assertThat(reactor.react(new DataRemoved(42L, PROVIDER, NOW))).containsExactly(
                new KeyedCommand(KeeperAggregates.DIRECTORY, new ReleasePlacement(42L, KeeperReactor.REMOVED, NOW)));
        assertThat(reactor.react(new DataRegistrationFailed(43L, PROVIDER, "insufficient funds", NOW))).containsExactly(
                new KeyedCommand(KeeperAggregates.DIRECTORY,
                        new ReleasePlacement(43L, KeeperReactor.REGISTRATION_FAILED, NOW)));
    }

    @Test
    void placedFragmentsOpenTheDatasetsStorageAndReleasedOnesCloseIt() {
        List<KeyedCommand> opened = reactor.react(new FragmentsPlaced(42L, PROVIDER,
                List.of(new FragmentPlacement(1L, 4000L, 7L)), NOW));
        List<KeyedCommand> closed = reactor.react(new PlacementReleased(42L, KeeperReactor.REMOVED, NOW));

        assertThat(opened).containsExactly(new KeyedCommand("42", new OpenStorage(42L, PROVIDER,
                List.of(new StoragePlacement(1L, 4000L, 7L)), NOW)));
        assertThat(closed).containsExactly(new KeyedCommand("42", new CloseStorage(42L, KeeperReactor.REMOVED, NOW)));
    }

    @Test
    void otherEventsCauseNothing() {
        assertThat(reactor.react(new DataPutOnSale(42L, PROVIDER, 10L, NOW))).isEmpty();
    }
}
