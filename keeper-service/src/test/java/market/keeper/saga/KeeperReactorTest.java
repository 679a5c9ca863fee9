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
import java.time.Duration;
import market.keeper.command.SettleClaim;
import market.keeper.command.StartStorageTerm;
import market.keeper.event.StorageEnded;
import market.keeper.storage.domain.StorageDays;
import market.settlement.event.RewardCredited;
import market.settlement.event.RewardRejected;
import org.junit.jupiter.api.Test;

class KeeperReactorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String PROVIDER = "0x9999999999999999999999999999999999999999";
    private static final String KEEPER = "0x1111111111111111111111111111111111111111";

    private static final StorageDays DAYS = new StorageDays(Duration.ofDays(1));

    private final KeeperReactor reactor = new KeeperReactor(Clock.fixed(NOW, ZoneOffset.UTC), DAYS);

    @Test
    void aStartedRegistrationPlacesItsFragmentsOnTheDirectory() {
        List<KeyedCommand> commands = reactor.react(new DataRegistrationStarted(42L, "weather", PROVIDER, 20_000L,
                List.of("Seoul"), 30L, "0".repeat(64), 7000L, List.of(new RegisteredFragment(1L, 4000L, "1".repeat(64), 7L),
                        new RegisteredFragment(2L, 3000L, "2".repeat(64), 0L)), 10L, 1L, 300L, NOW));

        assertThat(commands).containsExactly(new KeyedCommand(KeeperAggregates.DIRECTORY, new PlaceFragments(42L, PROVIDER,
                List.of(new FragmentToPlace(1L, 4000L, 7L), new FragmentToPlace(2L, 3000L, 0L)), NOW)));
    }

    @Test
    void stagedFragmentsAreDeclaredInTheProvidersNameWithTheRegistryAsUploader() {
        String uploader = "0x00000000000000000000000000000000000000a7";
        Instant declaredAt = NOW.minusSeconds(5);
        assertThat(reactor.react(new market.registry.event.StagedFragmentsDeclared(42L, PROVIDER, uploader,
                List.of(new market.registry.event.StagedDeclaration(1L, "bafkreiexample", 1056L)), declaredAt)))
                .containsExactly(new KeyedCommand("42", new market.keeper.command.DeclareFragments(PROVIDER,
                        "staged:42", declaredAt, 42L, List.of(new market.keeper.command.FragmentDeclaration(1L,
                                "bafkreiexample", 1056L)), uploader)));
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
    void dataOnSaleStartsItsTermOnTheNextStorageDay() {
        Instant onSale = Instant.parse("2026-12-01T23:59:00Z");
        long today = DAYS.day(onSale);

        assertThat(reactor.react(new DataPutOnSale(42L, PROVIDER, 600L, onSale, 30L, 2L))).containsExactly(
                new KeyedCommand("42", new StartStorageTerm(42L, 30L, 2L, today + 1, NOW)));
        assertThat(DAYS.day(Instant.parse("2026-12-02T00:00:00Z"))).isEqualTo(today + 1);
    }

    @Test
    void anEndedTermReleasesTheRoom() {
        assertThat(reactor.react(new StorageEnded(42L, 20_000L, NOW))).containsExactly(
                new KeyedCommand(KeeperAggregates.DIRECTORY,
                        new ReleasePlacement(42L, KeeperReactor.STORAGE_ENDED, NOW)));
    }

    @Test
    void settlementsAnswerSettlesTheClaim() {
        assertThat(reactor.react(new RewardCredited(KEEPER, 77L, 42L, 120L, NOW))).containsExactly(
                new KeyedCommand("42", new SettleClaim(42L, 77L, true, null, NOW)));
        assertThat(reactor.react(new RewardRejected("osb.trader", 78L, 42L, KEEPER, 120L, "insufficient funds", NOW)))
                .containsExactly(new KeyedCommand("42", new SettleClaim(42L, 78L, false, "insufficient funds", NOW)));
    }

    @Test
    void dataOnSaleWrittenBeforeStorageTermsStartsNone() {
        assertThat(reactor.react(new DataPutOnSale(42L, PROVIDER, 10L, NOW, 0L, 0L))).isEmpty();
    }
}
