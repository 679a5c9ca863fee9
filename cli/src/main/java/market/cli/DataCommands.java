package market.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market data}: a provider's datasets. {@code begin} and {@code end} are the two phases of
 * registration ({@code adddatabegin}, {@code adddataend}), {@code remove} is {@code removedata};
 * {@code show} and {@code list} read the registry's views without signing.
 */
@Command(name = "data", description = "Register, remove, show and list datasets.",
        subcommands = DataBeginCommand.class)
final class DataCommands extends CommandGroup {

    @ParentCommand
    Market market;

    @Command(name = "end", description = "Complete a registration with the fragment keys from `data begin` "
            + "(adddataend, signed).")
    int end(@Option(names = "--id", required = true, paramLabel = "N", description = "The data_id.") long id) {
        return market.run(spec, out -> {
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("fragments");
            for (LocalRegistration.Secret s : market.localRegistration().load(id)) {
                list.addObject().put("fragment_no", s.fragmentNo()).put("cid", s.cid())
                        .put("hash_encrypted", s.hashEncrypted()).put("encrypt_key", s.encryptKey());
            }
            Market.print(out, market.registry().post("/v1/data/" + id + "/end", body, market.wallet()));
        });
    }

    @Command(name = "remove", description = "Remove a dataset you provide (removedata, signed).")
    int remove(@Option(names = "--id", required = true, paramLabel = "N", description = "The data_id.") long id) {
        return market.run(spec, out -> Market.print(out, market.registry().delete("/v1/data/" + id, market.wallet())));
    }

    @Command(name = "show", description = "Show one dataset.")
    int show(@Option(names = "--id", required = true, paramLabel = "N", description = "The data_id.") long id) {
        return market.run(spec, out -> Market.print(out, market.registry().get("/v1/data/" + id)));
    }

    /** Whose datasets to list: one address, or the wallet's own. */
    static final class Provider {
        @Option(names = "--provider", paramLabel = "ADDR", description = "Only datasets of this provider.")
        String address;

        @Option(names = "--mine", description = "Only datasets of this wallet's address.")
        boolean mine;
    }

    @Command(name = "list", description = "List datasets, optionally filtered.")
    int list(@ArgGroup(exclusive = true) Provider provider,
            @Option(names = "--type", paramLabel = "T", description = "Only datasets of this data type.") String type,
            @Option(names = "--status", paramLabel = "S",
                    description = "Only this status: 0 on sale, 1 registering, 2 removed, 3 storage ended.")
            Integer status,
            @Option(names = "--page", paramLabel = "P", description = "Page number.") Integer page,
            @Option(names = "--size", paramLabel = "K", description = "Page size.") Integer size) {
        return market.run(spec, out -> {
            Query query = new Query();
            if (provider != null) {
                query.add("provider", provider.mine ? market.wallet().address() : provider.address);
            }
            query.add("datatype", type).add("status", status).add("page", page).add("size", size);
            Market.print(out, market.registry().get(query.after("/v1/data")));
        });
    }
}
