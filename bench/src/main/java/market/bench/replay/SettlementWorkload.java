package market.bench.replay;

import java.util.List;
import market.platform.runtime.ServiceModel;
import market.schemas.Topics;
import market.settlement.account.domain.AccountEvent.FundsDeposited;
import market.settlement.wire.SettlementWire;

/**
 * settlement.events: deposits. The first stage opens one account per event (its first
 * deposit); later events deposit again into those accounts in turn, each with a deposit_ref of
 * its own, as a payment rail's bridge would.
 */
final class SettlementWorkload implements Workload {

    static final String OPERATOR = Workload.address(0x0e, 1);
    private final long accounts;

    SettlementWorkload(long firstStage) {
        this.accounts = firstStage;
    }

    @Override
    public ServiceModel model() {
        SettlementWire wire = new SettlementWire();
        return new ServiceModel(Topics.SETTLEMENT, Topics.SETTLEMENT_COMMANDS, Topics.SETTLEMENT_EVENTS,
                Topics.SETTLEMENT_REPLIES, Topics.SETTLEMENT_COMMANDS_DLT, Topics.SETTLEMENT_EVENTS_DLT, List.of(),
                wire, wire);
    }

    @Override
    public String entity() {
        return "account";
    }

    @Override
    public long entities(long events) {
        return Math.min(events, accounts);
    }

    @Override
    public String laterEntity() {
        return "later deposit";
    }

    @Override
    public long laterEntities(long events) {
        return Math.max(0, events - accounts);
    }

    @Override
    public String key(long i) {
        return Workload.address(0xacc, i % accounts);
    }

    @Override
    public Object event(long i) {
        return new FundsDeposited(key(i), 10_000, "bench-replay-" + i, OPERATOR, Workload.at(i));
    }

    @Override
    public List<String> serviceOptions() {
        return List.of("--market.settlement.operator-address=" + OPERATOR);
    }
}
