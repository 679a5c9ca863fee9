package market.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code market deal}: reads a deal made by {@code market buy} on the order service, unsigned:
 * its price, parties and where its payment stands.
 */
@Command(name = "deal", description = "Show deals made by `market buy`.")
final class DealCommands extends CommandGroup {

    @ParentCommand
    Market market;

    @Command(name = "show", description = "Show one deal and whether it is paid.")
    int show(@Parameters(paramLabel = "DEAL_ID", description = "The deal_id.") long dealId) {
        return market.run(spec, out -> Market.print(out, market.order().get("/v1/deals/" + dealId)));
    }
}
