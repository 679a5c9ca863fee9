package market.schemas;

import java.util.List;
import market.keeper.command.ClaimReward;
import market.keeper.command.EndStorage;
import market.keeper.command.SettleClaim;
import market.keeper.command.StartStorageTerm;
import market.keeper.event.ClaimPaid;
import market.keeper.event.ClaimRejected;
import market.keeper.event.RewardClaimed;
import market.keeper.event.RewardEarned;
import market.keeper.event.RewardOpened;
import market.keeper.event.StorageEnded;
import market.keeper.event.StorageTermStarted;
import market.registry.event.DataStorageEnded;
import market.settlement.command.CreditReward;
import market.settlement.command.PayReward;
import market.settlement.event.RewardCredited;
import market.settlement.event.RewardDebited;
import market.settlement.event.RewardRejected;
import market.keeper.command.AddCluster;
import market.keeper.command.AddKeeper;
import market.keeper.command.CloseStorage;
import market.keeper.command.DeclareFragments;
import market.keeper.command.OpenStorage;
import market.keeper.command.RecordAudit;
import market.keeper.command.RecordReplica;
import market.keeper.command.PlaceFragments;
import market.keeper.command.ReleasePlacement;
import market.keeper.event.AuditFailed;
import market.keeper.event.AuditPassed;
import market.keeper.event.ClusterAdded;
import market.keeper.event.FragmentStored;
import market.keeper.event.FragmentsDeclared;
import market.keeper.event.FragmentsPlaced;
import market.keeper.event.KeeperAdded;
import market.keeper.event.PlacementRejected;
import market.keeper.event.PlacementReleased;
import market.keeper.event.ReplicaFaulty;
import market.keeper.event.ReplicaStored;
import market.keeper.event.StorageClosed;
import market.keeper.event.StorageOpened;
import market.order.command.BuyData;
import market.order.command.CancelDeal;
import market.order.command.CancelOrder;
import market.order.command.CloseMarket;
import market.order.command.CompleteDeal;
import market.order.command.OpenMarket;
import market.order.command.PublishOrder;
import market.order.event.DealCancelled;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.order.event.MarketClosed;
import market.order.event.MarketOpened;
import market.order.event.OrderCancelled;
import market.order.event.OrderPublished;
import market.registry.command.AddDataBegin;
import market.registry.command.AddDataEnd;
import market.registry.command.AddDataType;
import market.registry.command.ConfirmFragmentStored;
import market.registry.command.ConfirmStorageFee;
import market.registry.command.FailPlacement;
import market.registry.command.FailRegistration;
import market.registry.command.RecordPlacement;
import market.registry.command.ReleaseKeys;
import market.registry.command.RemoveData;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.DataTypeAdded;
import market.registry.event.FragmentStorageConfirmed;
import market.registry.event.KeysReleased;
import market.registry.event.PlacementRecorded;
import market.schemas.reply.CommandReply;
import market.settlement.command.ChargeStorageFee;
import market.settlement.command.CollectFee;
import market.settlement.command.CreditPayment;
import market.settlement.command.Deposit;
import market.settlement.command.PayDeal;
import market.settlement.command.Withdraw;
import market.settlement.event.FeeCredited;
import market.settlement.event.FeeDebited;
import market.settlement.event.FeeRejected;
import market.settlement.event.FundsDeposited;
import market.settlement.event.FundsWithdrawn;
import market.settlement.event.PaymentDebited;
import market.settlement.event.PaymentRejected;
import market.settlement.event.PaymentSettled;

/**
 * The catalog of every topic: the only place a topic name is written. Each service {@code S}
 * owns {@code S.commands}, {@code S.events} and {@code S.replies} (same partition count, keyed
 * by aggregate id) and the dead-letter topics {@code S.<topic>-dlt}, including one per topic
 * its reactions consume.
 */
public final class Topics {

    public static final String REGISTRY = "registry";

    public static final Topic REGISTRY_COMMANDS = new Topic("registry.commands", REGISTRY,
            "aggregate id: datatype_name, data_id, or provider address for its custody keys",
            List.of(AddDataType.class, AddDataBegin.class, AddDataEnd.class, RemoveData.class,
                    ConfirmStorageFee.class, FailRegistration.class, ReleaseKeys.class, RecordPlacement.class,
                    FailPlacement.class, ConfirmFragmentStored.class,
                    market.registry.command.EndStorage.class, market.registry.command.SetUpAbe.class,
                    market.registry.command.SetUpWatermark.class, market.registry.command.PublishDataShare.class,
                    market.registry.command.CloseDataShare.class, market.registry.command.ApplyAbeKey.class,
                    market.registry.command.AuthorizeAbeKey.class, market.registry.command.IssuePaidAbeKey.class,
                    market.registry.command.FailAbeKeyPayment.class, market.registry.command.DeclareStagedFragments.class));

    public static final Topic REGISTRY_EVENTS = new Topic("registry.events", REGISTRY,
            "aggregate id: datatype_name, data_id, or provider address for its custody keys",
            List.of(DataTypeAdded.class, DataRegistrationStarted.class, DataRegistrationCompleted.class,
                    DataRemoved.class, DataPutOnSale.class, DataRegistrationFailed.class, KeysReleased.class,
                    PlacementRecorded.class, FragmentStorageConfirmed.class, DataStorageEnded.class,
                    market.registry.event.AbeMasterKeyCreated.class, market.registry.event.WatermarkKeyCreated.class,
                    market.registry.event.DataShareDescribed.class, market.registry.event.DataShareClosed.class,
                    market.registry.event.AbeKeyApplied.class, market.registry.event.AbeKeyIssued.class,
                    market.registry.event.AbeKeyRefused.class, market.registry.event.AbeKeyPriced.class,
                    market.registry.event.AbeKeyPaymentFailed.class, market.registry.event.DataShareStaged.class,
                    market.registry.event.StagedFragmentsDeclared.class));

    public static final Topic REGISTRY_REPLIES = new Topic("registry.replies", REGISTRY,
            "aggregate id", List.of(CommandReply.class));

    public static final Topic REGISTRY_COMMANDS_DLT = deadLetter(REGISTRY_COMMANDS);

    public static final Topic REGISTRY_EVENTS_DLT = deadLetter(REGISTRY_EVENTS);

    public static final Topic REGISTRY_SNAPSHOTS = snapshots(REGISTRY);

    public static final Topic REGISTRY_NONCES = nonces(REGISTRY);

    public static final String SETTLEMENT = "settlement";

    public static final Topic SETTLEMENT_COMMANDS = new Topic("settlement.commands", SETTLEMENT,
            "account address, or osb.trader for the treasury",
            List.of(Deposit.class, Withdraw.class, ChargeStorageFee.class, CollectFee.class, PayDeal.class,
                    CreditPayment.class, PayReward.class, CreditReward.class, market.settlement.command.PayAbeKey.class,
                    market.settlement.command.CreditAbeKeyPayment.class));

    public static final Topic SETTLEMENT_EVENTS = new Topic("settlement.events", SETTLEMENT,
            "account address, or osb.trader for the treasury",
            List.of(FundsDeposited.class, FundsWithdrawn.class, FeeDebited.class, FeeRejected.class,
                    FeeCredited.class, PaymentDebited.class, PaymentRejected.class, PaymentSettled.class,
                    RewardDebited.class, RewardRejected.class, RewardCredited.class,
                    market.settlement.event.AbeKeyPaymentDebited.class, market.settlement.event.AbeKeyPaymentRejected.class,
                    market.settlement.event.AbeKeyPaymentSettled.class));

    public static final Topic SETTLEMENT_REPLIES = new Topic("settlement.replies", SETTLEMENT,
            "account address", List.of(CommandReply.class));

    public static final Topic SETTLEMENT_COMMANDS_DLT = deadLetter(SETTLEMENT_COMMANDS);

    public static final Topic SETTLEMENT_EVENTS_DLT = deadLetter(SETTLEMENT_EVENTS);

    public static final Topic SETTLEMENT_SNAPSHOTS = snapshots(SETTLEMENT);

    public static final Topic SETTLEMENT_NONCES = nonces(SETTLEMENT);

    public static final String ORDER = "order";

    public static final Topic ORDER_COMMANDS = new Topic("order.commands", ORDER, "dataset address",
            List.of(OpenMarket.class, CloseMarket.class, PublishOrder.class, CancelOrder.class, BuyData.class,
                    CompleteDeal.class, CancelDeal.class, market.order.command.DescribeProduct.class,
                    market.order.command.ApplyPurchase.class, market.order.command.DecidePurchase.class,
                    market.order.command.WithdrawPurchase.class));

    public static final Topic ORDER_EVENTS = new Topic("order.events", ORDER, "dataset address",
            List.of(MarketOpened.class, MarketClosed.class, OrderPublished.class, OrderCancelled.class,
                    DealCreated.class, DealCompleted.class, DealCancelled.class,
                    market.order.event.ProductDescribed.class, market.order.event.PurchaseApplied.class,
                    market.order.event.PurchaseAuthorized.class, market.order.event.PurchaseRefused.class,
                    market.order.event.PurchaseCanceled.class));

    public static final Topic ORDER_REPLIES = new Topic("order.replies", ORDER, "dataset address",
            List.of(CommandReply.class));

    public static final Topic ORDER_COMMANDS_DLT = deadLetter(ORDER_COMMANDS);

    public static final Topic ORDER_EVENTS_DLT = deadLetter(ORDER_EVENTS);

    public static final Topic ORDER_SNAPSHOTS = snapshots(ORDER);

    public static final Topic ORDER_NONCES = nonces(ORDER);

    public static final String KEEPER = "keeper";

    public static final Topic KEEPER_COMMANDS = new Topic("keeper.commands", KEEPER,
            "directory (clusters and keepers), or data_id (a dataset's storage)",
            List.of(AddCluster.class, AddKeeper.class, PlaceFragments.class, ReleasePlacement.class,
                    OpenStorage.class, CloseStorage.class, DeclareFragments.class, RecordReplica.class,
                    RecordAudit.class, StartStorageTerm.class, ClaimReward.class, SettleClaim.class,
                    EndStorage.class));

    public static final Topic KEEPER_EVENTS = new Topic("keeper.events", KEEPER,
            "directory (clusters and keepers), or data_id (a dataset's storage)",
            List.of(ClusterAdded.class, KeeperAdded.class, FragmentsPlaced.class, PlacementRejected.class,
                    PlacementReleased.class, StorageOpened.class, StorageClosed.class, FragmentsDeclared.class,
                    ReplicaStored.class, FragmentStored.class, AuditPassed.class, AuditFailed.class,
                    ReplicaFaulty.class, StorageTermStarted.class, RewardOpened.class, RewardEarned.class,
                    RewardClaimed.class, ClaimPaid.class, ClaimRejected.class, StorageEnded.class));

    public static final Topic KEEPER_REPLIES = new Topic("keeper.replies", KEEPER, "aggregate id",
            List.of(CommandReply.class));

    public static final Topic KEEPER_COMMANDS_DLT = deadLetter(KEEPER_COMMANDS);

    public static final Topic KEEPER_EVENTS_DLT = deadLetter(KEEPER_EVENTS);

    public static final Topic KEEPER_SNAPSHOTS = snapshots(KEEPER);

    public static final Topic KEEPER_NONCES = nonces(KEEPER);

    /** Events the registry's reactions could not turn into commands. */
    public static final Topic REGISTRY_SETTLEMENT_EVENTS_DLT = reactionDeadLetter(REGISTRY, SETTLEMENT_EVENTS);

    public static final Topic REGISTRY_ORDER_EVENTS_DLT = reactionDeadLetter(REGISTRY, ORDER_EVENTS);

    public static final Topic SETTLEMENT_REGISTRY_EVENTS_DLT = reactionDeadLetter(SETTLEMENT, REGISTRY_EVENTS);

    public static final Topic SETTLEMENT_ORDER_EVENTS_DLT = reactionDeadLetter(SETTLEMENT, ORDER_EVENTS);

    public static final Topic SETTLEMENT_SETTLEMENT_EVENTS_DLT = reactionDeadLetter(SETTLEMENT, SETTLEMENT_EVENTS);

    public static final Topic ORDER_REGISTRY_EVENTS_DLT = reactionDeadLetter(ORDER, REGISTRY_EVENTS);

    public static final Topic ORDER_SETTLEMENT_EVENTS_DLT = reactionDeadLetter(ORDER, SETTLEMENT_EVENTS);

    public static final Topic KEEPER_REGISTRY_EVENTS_DLT = reactionDeadLetter(KEEPER, REGISTRY_EVENTS);

    public static final Topic REGISTRY_KEEPER_EVENTS_DLT = reactionDeadLetter(REGISTRY, KEEPER_EVENTS);

    public static final Topic KEEPER_KEEPER_EVENTS_DLT = reactionDeadLetter(KEEPER, KEEPER_EVENTS);

    public static final Topic SETTLEMENT_KEEPER_EVENTS_DLT = reactionDeadLetter(SETTLEMENT, KEEPER_EVENTS);

    public static final Topic KEEPER_SETTLEMENT_EVENTS_DLT = reactionDeadLetter(KEEPER, SETTLEMENT_EVENTS);

    private Topics() {}

    /** The dead-letter topic of {@code topic}: same key, the failed record's bytes as value. */
    public static Topic deadLetter(Topic topic) {
        return new Topic(topic.name() + "-dlt", topic.writer(), topic.key(), List.of());
    }

    /**
     * {@code S.snapshots}: the command processor's state of each partition of {@code S.events}
     * with the events offset it covers, chunked, compacted (only the latest chunk of each key stays).
     */
    public static Topic snapshots(String service) {
        return new Topic(service + ".snapshots", service, "<partition>-<chunk>",
                List.of(market.snapshot.PartitionSnapshot.class));
    }

    /**
     * {@code S.nonces}: the nonces of the signed requests whose commands {@code S}'s processor
     * handled, each on its command's partition, so every instance refuses a replayed request
     * (same partition count as {@code S.commands}; kept a week, far beyond any signature window).
     */
    public static Topic nonces(String service) {
        return new Topic(service + ".nonces", service, "signer address",
                List.of(market.schemas.nonce.NonceClaimed.class));
    }

    /** Where {@code service}'s reactions put an event of {@code consumed} they cannot handle: {@code S.<topic>-dlt}. */
    public static Topic reactionDeadLetter(String service, Topic consumed) {
        return new Topic(service + "." + consumed.name() + "-dlt", service, consumed.key(), List.of());
    }

    public static List<Topic> all() {
        return List.of(REGISTRY_COMMANDS, REGISTRY_EVENTS, REGISTRY_REPLIES, REGISTRY_COMMANDS_DLT,
                REGISTRY_EVENTS_DLT, REGISTRY_SETTLEMENT_EVENTS_DLT, REGISTRY_ORDER_EVENTS_DLT,
                SETTLEMENT_COMMANDS, SETTLEMENT_EVENTS, SETTLEMENT_REPLIES, SETTLEMENT_COMMANDS_DLT,
                SETTLEMENT_EVENTS_DLT, SETTLEMENT_REGISTRY_EVENTS_DLT, SETTLEMENT_ORDER_EVENTS_DLT,
                SETTLEMENT_SETTLEMENT_EVENTS_DLT,
                ORDER_COMMANDS, ORDER_EVENTS, ORDER_REPLIES, ORDER_COMMANDS_DLT, ORDER_EVENTS_DLT,
                ORDER_REGISTRY_EVENTS_DLT, ORDER_SETTLEMENT_EVENTS_DLT,
                KEEPER_COMMANDS, KEEPER_EVENTS, KEEPER_REPLIES, KEEPER_COMMANDS_DLT, KEEPER_EVENTS_DLT,
                KEEPER_REGISTRY_EVENTS_DLT, KEEPER_KEEPER_EVENTS_DLT, REGISTRY_KEEPER_EVENTS_DLT,
                SETTLEMENT_KEEPER_EVENTS_DLT, KEEPER_SETTLEMENT_EVENTS_DLT, REGISTRY_SNAPSHOTS, SETTLEMENT_SNAPSHOTS,
                ORDER_SNAPSHOTS, KEEPER_SNAPSHOTS, REGISTRY_NONCES, SETTLEMENT_NONCES, ORDER_NONCES, KEEPER_NONCES);
    }

    /** The topics a service writes or consumes as its own. */
    public static List<Topic> ownedBy(String service) {
        return all().stream().filter(topic -> topic.writer().equals(service)).toList();
    }

    static List<Class<? extends org.apache.avro.specific.SpecificRecord>> allValueTypes() {
        return all().stream().flatMap(topic -> topic.valueTypes().stream()).distinct().toList();
    }
}
