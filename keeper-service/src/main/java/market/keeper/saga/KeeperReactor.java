package market.keeper.saga;

import java.time.Clock;
import java.util.List;
import market.keeper.KeeperAggregates;
import market.keeper.command.CloseStorage;
import market.keeper.command.FragmentToPlace;
import market.keeper.command.OpenStorage;
import market.keeper.command.PlaceFragments;
import market.keeper.command.ReleasePlacement;
import market.keeper.command.StoragePlacement;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.PlacementReleased;
import market.platform.runtime.Reactions;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;

/**
 * keeper-service's saga steps, each an event turned into a command on {@code keeper.commands}: a
 * started registration places its fragments (directory); a removed dataset or a failed
 * registration releases the room they hold (directory); placed fragments open the dataset's
 * storage record and released ones close it. Follows {@code registry.events} and
 * {@code keeper.events}.
 */
public final class KeeperReactor implements Reactions.Reaction {

    public static final String REMOVED = "removed";
    public static final String REGISTRATION_FAILED = "registration failed";

    private final Clock clock;

    public KeeperReactor(Clock clock) {
        this.clock = clock;
    }

    public Reactions reactions() {
        return new Reactions(List.of(Topics.REGISTRY_EVENTS, Topics.KEEPER_EVENTS), this);
    }

    @Override
    public List<KeyedCommand> react(SpecificRecord event) {
        if (event instanceof DataRegistrationStarted e) {
            List<FragmentToPlace> fragments = e.getFragments().stream()
                    .map(f -> new FragmentToPlace(f.getFragmentNo(), f.getSize(), f.getIdfsClusterId())).toList();
            return directory(new PlaceFragments(e.getDataId(), e.getProvider(), fragments, clock.instant()));
        }
        if (event instanceof DataRemoved e) {
            return directory(new ReleasePlacement(e.getDataId(), REMOVED, clock.instant()));
        }
        if (event instanceof DataRegistrationFailed e) {
            return directory(new ReleasePlacement(e.getDataId(), REGISTRATION_FAILED, clock.instant()));
        }
        if (event instanceof FragmentsPlaced e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()), new OpenStorage(e.getDataId(), e.getProvider(),
                    e.getPlacements().stream().map(p -> new StoragePlacement(p.getFragmentNo(), p.getSize(),
                            p.getIdfsClusterId())).toList(), clock.instant())));
        }
        if (event instanceof PlacementReleased e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()),
                    new CloseStorage(e.getDataId(), e.getReason(), clock.instant())));
        }
        return List.of();
    }

    private static List<KeyedCommand> directory(SpecificRecord command) {
        return List.of(new KeyedCommand(KeeperAggregates.DIRECTORY, command));
    }
}
