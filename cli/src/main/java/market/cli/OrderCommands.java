package market.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code market order}: a provider's dataset orders on the order service. {@code publish} signs
 * and sends a new order, {@code cancel} is signed by the order's provider; {@code show} and
 * {@code book} read orders without signing.
 */
@Command(name = "order", description = "Publish, cancel, show and list dataset orders (the order book).",
        subcommands = OrderPublishCommand.class)
final class OrderCommands extends CommandGroup {

    /** Where an order stands on the order service. */
    enum Status { OPEN, FILLED, CANCELLED, CLOSED }

    @ParentCommand
    Market market;

    @Command(name = "cancel", description = "Cancel an order you published (signed).")
    int cancel(@Parameters(paramLabel = "ORDER_HASH", converter = HexOptions.Bytes32.class,
            description = "The orderHash.") String orderHash) {
        return market.run(spec, out ->
                Market.print(out, market.order().delete("/v1/orders/" + orderHash, market.wallet())));
    }

    @Command(name = "show", description = "Show one order.")
    int show(@Parameters(paramLabel = "ORDER_HASH", converter = HexOptions.Bytes32.class,
            description = "The orderHash.") String orderHash) {
        return market.run(spec, out -> Market.print(out, market.order().get("/v1/orders/" + orderHash)));
    }

    @Command(name = "book", description = "List orders, optionally filtered.")
    int book(@Option(names = "--dataset", paramLabel = "DATA", converter = DatasetRef.Name.class,
                    description = "Only orders of this dataset: its data_id or address.") String dataset,
            @Option(names = "--provider", paramLabel = "ADDR", converter = HexOptions.Address.class,
                    description = "Only orders of this provider.") String provider,
            @Option(names = "--status", paramLabel = "S",
                    description = "Only this status: ${COMPLETION-CANDIDATES}.") Status status,
            @Option(names = "--page", paramLabel = "P", description = "Page number, from 0.") Integer page,
            @Option(names = "--size", paramLabel = "K", description = "Page size.") Integer size) {
        return market.run(spec, out -> {
            Query query = new Query();
            if (dataset != null) {
                query.add("dataset", DatasetRef.address(market.registry(), dataset));
            }
            query.add("provider", provider).add("status", status).add("page", page).add("size", size);
            Market.print(out, market.order().get(query.after("/v1/orders")));
        });
    }
}
