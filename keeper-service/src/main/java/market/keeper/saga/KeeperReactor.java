package market.keeper.saga;

import java.time.Clock;
import java.util.List;
import market.keeper.KeeperAggregates;
import market.keeper.command.CloseStorage;
import market.keeper.command.FragmentToPlace;
import market.keeper.command.OpenStorage;
import market.keeper.command.PlaceFragments;
import market.keeper.command.ReleasePlacement;
import market.keeper.command.SettleClaim;
import market.keeper.command.StartStorageTerm;
import market.keeper.command.StoragePlacement;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.PlacementReleased;
import market.keeper.event.StorageEnded;
import market.keeper.storage.domain.StorageDays;
import market.platform.runtime.Reactions;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.schemas.Topics;
import market.settlement.event.RewardCredited;
import market.settlement.event.RewardRejected;
import org.apache.avro.specific.SpecificRecord;

/**
 * keeper-service's saga steps, each an event turned into a command on {@code keeper.commands}: a
 * started registration places its fragments (directory); a removed dataset, a failed
 * registration or an ended storage term releases the room they hold (directory); the staged
 * fragments of a plainData publish are declared with the registry as their uploader; placed
 * fragments open the dataset's storage record and released ones close it; data put on sale
 * starts its storage term, from the next storage day, with the period and keeper fee of its
 * registration; settlement's payment or refusal of a reward settles the claim. Follows
 * {@code registry.events}, {@code keeper.events} and {@code settlement.events}.
 */
public final class KeeperReactor implements Reactions.Reaction {

    public static final String REMOVED = "removed";
    public static final String REGISTRATION_FAILED = "registration failed";
    public static final String STORAGE_ENDED = "storage ended";

    private final Clock clock;
    private final StorageDays days;

    public KeeperReactor(Clock clock, StorageDays days) {
        this.clock = clock;
        this.days = days;
    }

    public Reactions reactions() {
        return new Reactions(List.of(Topics.REGISTRY_EVENTS, Topics.KEEPER_EVENTS, Topics.SETTLEMENT_EVENTS), this);
    }

    @Override
    public List<KeyedCommand> react(SpecificRecord event) {
        if (event instanceof DataRegistrationStarted e) {
            List<FragmentToPlace> fragments = e.getFragments().stream()
                    .map(f -> new FragmentToPlace(f.getFragmentNo(), f.getSize(), f.getIdfsClusterId())).toList();
            return directory(new PlaceFragments(e.getDataId(), e.getProvider(), fragments, clock.instant()));
        }
        if (event instanceof market.registry.event.StagedFragmentsDeclared e) {
            // the provider signed its publish with the plain data in it, not these CIDs: the registry encrypted
            // that data, and keeper-service declares the fragments in the provider's name on the registry's
            // word (its events topic has the registry as only writer), with the registry as uploader
            return storage(e.getDataId(), new market.keeper.command.DeclareFragments(e.getProvider(),
                    "staged:" + e.getDataId(), e.getTimestamp(), e.getDataId(), e.getFragments().stream()
                            .map(f -> new market.keeper.command.FragmentDeclaration(f.getFragmentNo(), f.getCid(),
                                    f.getSizeEncrypted())).toList(), e.getUploader()));
        }
        if (event instanceof DataRemoved e) {
            return directory(new ReleasePlacement(e.getDataId(), REMOVED, clock.instant()));
        }
        if (event instanceof DataRegistrationFailed e) {
            return directory(new ReleasePlacement(e.getDataId(), REGISTRATION_FAILED, clock.instant()));
        }
        if (event instanceof DataPutOnSale e) {
            // records written before storage terms carry no period: their data has no term
            return e.getPeriod() < 1 ? List.of() : storage(e.getDataId(), new StartStorageTerm(e.getDataId(),
                    e.getPeriod(), e.getDaySingleIDFSfee(), days.termStart(e.getTimestamp()), clock.instant()));
        }
        if (event instanceof StorageEnded e) {
            return directory(new ReleasePlacement(e.getDataId(), STORAGE_ENDED, clock.instant()));
        }
        if (event instanceof RewardCredited e) {
            return storage(e.getDataId(), new SettleClaim(e.getDataId(), e.getClaimId(), true, null, clock.instant()));
        }
        if (event instanceof RewardRejected e) {
            return storage(e.getDataId(), new SettleClaim(e.getDataId(), e.getClaimId(), false, e.getReason(),
                    clock.instant()));
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

    private static List<KeyedCommand> storage(long dataId, SpecificRecord command) {
        return List.of(new KeyedCommand(Long.toString(dataId), command));
    }

    private static List<KeyedCommand> directory(SpecificRecord command) {
        return List.of(new KeyedCommand(KeeperAggregates.DIRECTORY, command));
    }
}
