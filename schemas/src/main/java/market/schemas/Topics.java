package market.schemas;

import java.util.List;
import market.registry.command.AddDataBegin;
import market.registry.command.AddDataEnd;
import market.registry.command.AddDataType;
import market.registry.command.RemoveData;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.DataTypeAdded;
import market.settlement.command.Deposit;
import market.settlement.command.Withdraw;
import market.settlement.event.FundsDeposited;
import market.settlement.event.FundsWithdrawn;
import market.schemas.reply.CommandReply;

/**
 * The catalog of every topic: the only place a topic name is written. Each service {@code S}
 * owns {@code S.commands}, {@code S.events} and {@code S.replies} (same partition count, keyed
 * by aggregate id) and the dead-letter topics {@code S.<topic>-dlt}.
 */
public final class Topics {

    public static final String REGISTRY = "registry";

    public static final Topic REGISTRY_COMMANDS = new Topic("registry.commands", REGISTRY,
            "aggregate id: datatype_name or data_id",
            List.of(AddDataType.class, AddDataBegin.class, AddDataEnd.class, RemoveData.class));

    public static final Topic REGISTRY_EVENTS = new Topic("registry.events", REGISTRY,
            "aggregate id: datatype_name or data_id",
            List.of(DataTypeAdded.class, DataRegistrationStarted.class, DataRegistrationCompleted.class,
                    DataRemoved.class));

    public static final Topic REGISTRY_REPLIES = new Topic("registry.replies", REGISTRY,
            "aggregate id", List.of(CommandReply.class));

    public static final Topic REGISTRY_COMMANDS_DLT = deadLetter(REGISTRY_COMMANDS);

    public static final Topic REGISTRY_EVENTS_DLT = deadLetter(REGISTRY_EVENTS);

    public static final String SETTLEMENT = "settlement";

    public static final Topic SETTLEMENT_COMMANDS = new Topic("settlement.commands", SETTLEMENT,
            "account address, or osb.trader for the treasury", List.of(Deposit.class, Withdraw.class));

    public static final Topic SETTLEMENT_EVENTS = new Topic("settlement.events", SETTLEMENT,
            "account address, or osb.trader for the treasury", List.of(FundsDeposited.class, FundsWithdrawn.class));

    public static final Topic SETTLEMENT_REPLIES = new Topic("settlement.replies", SETTLEMENT,
            "account address", List.of(CommandReply.class));

    public static final Topic SETTLEMENT_COMMANDS_DLT = deadLetter(SETTLEMENT_COMMANDS);

    public static final Topic SETTLEMENT_EVENTS_DLT = deadLetter(SETTLEMENT_EVENTS);

    private Topics() {}

    /** The dead-letter topic of {@code topic}: same key, the failed record's bytes as value. */
    public static Topic deadLetter(Topic topic) {
        return new Topic(topic.name() + "-dlt", topic.writer(), topic.key(), List.of());
    }

    public static List<Topic> all() {
        return List.of(REGISTRY_COMMANDS, REGISTRY_EVENTS, REGISTRY_REPLIES, REGISTRY_COMMANDS_DLT,
                REGISTRY_EVENTS_DLT, SETTLEMENT_COMMANDS, SETTLEMENT_EVENTS, SETTLEMENT_REPLIES,
                SETTLEMENT_COMMANDS_DLT, SETTLEMENT_EVENTS_DLT);
    }

    /** The topics a service writes or consumes as its own. */
    public static List<Topic> ownedBy(String service) {
        return all().stream().filter(topic -> topic.writer().equals(service)).toList();
    }

    static List<Class<? extends org.apache.avro.specific.SpecificRecord>> allValueTypes() {
        return all().stream().flatMap(topic -> topic.valueTypes().stream()).distinct().toList();
    }
}
