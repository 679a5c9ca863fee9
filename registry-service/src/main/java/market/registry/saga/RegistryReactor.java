package market.registry.saga;

import java.time.Clock;
import java.util.List;
import market.keeper.event.FragmentStored;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.PlacementRejected;
import market.order.event.DealCompleted;
import market.platform.runtime.Reactions;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.command.ConfirmFragmentStored;
import market.registry.command.ConfirmStorageFee;
import market.registry.command.EndStorage;
import market.keeper.event.StorageEnded;
import market.registry.command.FailPlacement;
import market.registry.command.FailRegistration;
import market.registry.command.PlacedFragment;
import market.registry.command.RecordPlacement;
import market.registry.command.ReleaseKeys;
import market.schemas.Topics;
import market.settlement.event.FeeDebited;
import market.settlement.event.FeeRejected;
import org.apache.avro.specific.SpecificRecord;

/**
 * The registry's saga steps, each an event turned into a command on {@code registry.commands}
 * keyed by data_id: a charged storage fee puts the data on sale, a rejected one fails the
 * registration; keeper-service's placement records each fragment's cluster, a refused one fails
 * the registration, a stored fragment is recorded with its CID, and an ended storage term ends
 * the data (status 3); a completed deal releases the keys to its buyer. A paid attribute key is
 * issued (keyed by its provider), and one whose payment was refused fails. Follows
 * {@code settlement.events}, {@code order.events} and {@code keeper.events}.
 */
public final class RegistryReactor implements Reactions.Reaction {

    private final Clock clock;

    public RegistryReactor(Clock clock) {
        this.clock = clock;
    }

    public Reactions reactions() {
        return new Reactions(List.of(Topics.SETTLEMENT_EVENTS, Topics.ORDER_EVENTS, Topics.KEEPER_EVENTS), this);
    }

    @Override
    public List<KeyedCommand> react(SpecificRecord event) {
        var now = clock.instant();
        if (event instanceof FeeDebited e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()),
                    new ConfirmStorageFee(e.getDataId(), e.getAmount(), now)));
        }
        if (event instanceof FeeRejected e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()),
                    new FailRegistration(e.getDataId(), e.getReason(), now)));
        }
        if (event instanceof FragmentsPlaced e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()), new RecordPlacement(e.getDataId(),
                    e.getPlacements().stream().map(p -> new PlacedFragment(p.getFragmentNo(), p.getIdfsClusterId()))
                            .toList(), now)));
        }
        if (event instanceof PlacementRejected e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()),
                    new FailPlacement(e.getDataId(), e.getReason(), now)));
        }
        if (event instanceof FragmentStored e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()), new ConfirmFragmentStored(e.getDataId(),
                    e.getFragmentNo(), e.getCid(), e.getReplicas(), now)));
        }
        if (event instanceof market.keeper.event.StorageOpened e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()),
                    new market.registry.command.DeclareStagedFragments(e.getDataId(), now)));
        }
        if (event instanceof StorageEnded e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()), new EndStorage(e.getDataId(), now)));
        }
        if (event instanceof market.settlement.event.AbeKeyPaymentSettled e) {
            return List.of(new KeyedCommand(e.getAccount(), new market.registry.command.IssuePaidAbeKey(e.getAccount(),
                    e.getBuyer(), e.getOrderSeq(), now)));
        }
        if (event instanceof market.settlement.event.AbeKeyPaymentRejected e) {
            return List.of(new KeyedCommand(e.getProvider(), new market.registry.command.FailAbeKeyPayment(
                    e.getProvider(), e.getAccount(), e.getOrderSeq(), e.getReason(), now)));
        }
        if (event instanceof DealCompleted e) {
            return List.of(new KeyedCommand(Long.toString(e.getDataId()),
                    new ReleaseKeys(e.getDataId(), e.getDealId(), e.getBuyer(), e.getBuyerKey(), now)));
        }
        return List.of();
    }
}
