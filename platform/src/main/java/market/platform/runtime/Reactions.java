package market.platform.runtime;

import java.util.List;
import market.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * The saga steps of one service: the events topics it follows (other services', or its own) and
 * the reaction that turns each event into commands on the service's own commands topic. A
 * reaction translates and nothing more; the rules stay in the deciders that handle the commands.
 */
public record Reactions(List<Topic> follows, Reaction reaction) {

    public Reactions {
        follows = List.copyOf(follows);
    }

    /** One event to the commands it causes; an empty list for events the service ignores. */
    public interface Reaction {
        List<KeyedCommand> react(SpecificRecord event);
    }

    /** A command and the key of the aggregate it goes to. */
    public record KeyedCommand(String key, SpecificRecord command) {}
}
