package market.settlement.saga;

import java.time.Clock;
import java.util.List;
import market.platform.runtime.Reactions;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataRegistrationCompleted;
import market.schemas.Topics;
import market.order.event.DealCreated;
import market.settlement.SettlementAggregates;
import market.settlement.command.ChargeStorageFee;
import market.settlement.command.CollectFee;
import market.settlement.command.CreditPayment;
import market.settlement.command.PayDeal;
import market.settlement.command.CreditReward;
import market.settlement.command.PayReward;
import market.keeper.event.RewardClaimed;
import market.settlement.event.RewardDebited;
import market.settlement.event.FeeDebited;
import market.settlement.event.PaymentDebited;
import org.apache.avro.specific.SpecificRecord;

/**
 * Settlement's saga steps, each an event turned into a command on {@code settlement.commands}:
 * a completed registration with a pending fee charges the provider; a debited fee is collected
 * by the treasury; a created deal is paid by the buyer; a debited payment is credited to the
 * provider; an attribute key the registry priced is paid by the buyer, and the debited price is
 * credited to the provider; a keeper's claimed reward is paid by the treasury, and a debited
 * reward is credited to the keeper. Follows {@code registry.events}, {@code order.events}, {@code keeper.events} and
 * {@code settlement.events}.
 */
public final class SettlementReactor implements Reactions.Reaction {

    private final Clock clock;

    public SettlementReactor(Clock clock) {
        this.clock = clock;
    }

    public Reactions reactions() {
        return new Reactions(List.of(Topics.REGISTRY_EVENTS, Topics.ORDER_EVENTS, Topics.KEEPER_EVENTS,
                Topics.SETTLEMENT_EVENTS), this);
    }

    @Override
    public List<KeyedCommand> react(SpecificRecord event) {
        var now = clock.instant();
        if (event instanceof DataRegistrationCompleted e && e.getFeePending()) {
            return List.of(new KeyedCommand(e.getProvider(),
                    new ChargeStorageFee(e.getProvider(), e.getDataId(), e.getStorageFee(), now)));
        }
        if (event instanceof FeeDebited e) {
            return List.of(new KeyedCommand(SettlementAggregates.TREASURY, new CollectFee(SettlementAggregates.TREASURY,
                    e.getDataId(), e.getAccount(), e.getAmount(), now)));
        }
        if (event instanceof DealCreated e) {
            return List.of(new KeyedCommand(e.getBuyer(), new PayDeal(e.getBuyer(), e.getDealId(), e.getDataId(),
                    e.getDataset(), e.getProvider(), e.getPrice(), now)));
        }
        if (event instanceof PaymentDebited e) {
            return List.of(new KeyedCommand(e.getProvider(), new CreditPayment(e.getProvider(), e.getDealId(),
                    e.getDataId(), e.getDataset(), e.getAccount(), e.getAmount(), now)));
        }
        if (event instanceof market.registry.event.AbeKeyPriced e) {
            return List.of(new KeyedCommand(e.getBuyer(), new market.settlement.command.PayAbeKey(e.getBuyer(),
                    e.getPaymentId(), e.getProvider(), e.getOrderSeq(), e.getPrice(), now)));
        }
        if (event instanceof market.settlement.event.AbeKeyPaymentDebited e) {
            return List.of(new KeyedCommand(e.getProvider(), new market.settlement.command.CreditAbeKeyPayment(
                    e.getProvider(), e.getPaymentId(), e.getAccount(), e.getOrderSeq(), e.getAmount(), now)));
        }
        if (event instanceof RewardClaimed e) {
            return List.of(new KeyedCommand(SettlementAggregates.TREASURY, new PayReward(SettlementAggregates.TREASURY,
                    e.getClaimId(), e.getDataId(), e.getIdfsAccount(), e.getQuantity(), now)));
        }
        if (event instanceof RewardDebited e) {
            return List.of(new KeyedCommand(e.getKeeper(), new CreditReward(e.getKeeper(), e.getClaimId(),
                    e.getDataId(), e.getAmount(), now)));
        }
        return List.of();
    }
}
