package market.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market data}: a provider's datasets. {@code begin} and {@code end} are the two phases of
 * registration ({@code adddatabegin}, {@code adddataend}), {@code remove} is {@code removedata};
 * {@code show} and {@code list} read the registry's views without signing. Settlement charges the
 * storage fee after {@code end} asynchronously, so {@code end} follows the dataset until the fee is
 * no longer pending, and fails if the registration failed (status 4), such as for want of funds.
 */
@Command(name = "data", description = "Register, remove, show and list datasets.",
        subcommands = {DataBeginCommand.class, DataFetchCommand.class})
final class DataCommands extends CommandGroup {

    private static final Duration POLL = Duration.ofMillis(300);
    private static final long REGISTRATION_FAILED = 4;

    @ParentCommand
    Market market;

    @Command(name = "end", description = {"Store the fragments from `data begin` on their keepers, then complete "
            + "the registration with their keys (adddataend, signed).",
        "Declares each fragment's CID to keeper-service, uploads each fragment once to a keeper node of its "
            + "cluster, and waits until enough keepers hold a verified replica."})
    int end(@Option(names = "--id", required = true, paramLabel = "N", description = "The data_id.") long id,
            @Option(names = "--wait", defaultValue = "60", paramLabel = "SECONDS", converter = Polling.Seconds.class,
                    description = "How long to wait for each of placement, replication and the storage fee; 0 does "
                            + "not wait (default: ${DEFAULT-VALUE}).") Duration wait) {
        return market.run(spec, out -> {
            JsonNode view = complete(market, spec, id, wait);
            Market.print(out, view);
            checkRegistered(spec, id, view);
        });
    }

    /**
     * The second phase of a registration whose fragments were staged and sealed locally: upload
     * them (see {@link StorageUpload}), send adddataend with the keys, and follow the dataset until
     * the storage fee is charged. Answers the dataset's view.
     */
    static JsonNode complete(Market market, CommandSpec spec, long id, Duration wait) {
        List<LocalRegistration.Secret> secrets = market.localRegistration().load(id);
        new StorageUpload(market, spec).run(id, secrets, market.wallet(), wait);
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("fragments");
        for (LocalRegistration.Secret s : secrets) {
            ObjectNode fragment = list.addObject().put("fragment_no", s.fragmentNo()).put("cid", s.cid())
                    .put("hash_encrypted", s.hashEncrypted());
            if (!s.encryptKey().isEmpty()) {
                // a DataShare sample is stored unencrypted and sent without a key
                fragment.put("encrypt_key", s.encryptKey());
            }
        }
        ServiceClient registry = market.registry();
        // the registry learns that the fragments are stored from keeper-service's events, a moment later
        JsonNode ended = new Polling(wait, POLL).whileRefused("REGISTRY.FRAGMENTS_NOT_STORED",
                () -> registry.post("/v1/data/" + id + "/end", body, market.wallet()));
        return new Polling(wait, POLL).until(ended, () -> registry.get("/v1/data/" + id), DataCommands::feeSettled);
    }

    /** Fails when the registration failed (status 4); notes a fee still pending. */
    static void checkRegistered(CommandSpec spec, long id, JsonNode view) {
        if (view != null && view.path("status").isIntegralNumber()
                && view.get("status").longValue() == REGISTRATION_FAILED) {
            throw new CliException("registration of data " + id + " failed: "
                    + view.path("failure_reason").asString(""));
        }
        if (!feeSettled(view)) {
            Market.note(spec, "the storage fee of data " + id + " is still pending; follow it with "
                    + "`market data show --id " + id + "`");
        }
    }

    private static boolean feeSettled(JsonNode view) {
        return view == null || !view.path("fee_pending").asBoolean();
    }

    @Command(name = "remove", description = "Remove a dataset you provide (removedata, signed).")
    int remove(@Option(names = "--id", required = true, paramLabel = "N", description = "The data_id.") long id) {
        return market.run(spec, out -> Market.print(out, market.registry().delete("/v1/data/" + id, market.wallet())));
    }

    @Command(name = "placements", description = "Show on which keeper cluster each fragment is stored, "
            + "waiting while keeper-service has not placed them yet.")
    int placements(@Option(names = "--id", required = true, paramLabel = "N", description = "The data_id.") long id,
            @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
                    description = "How long to wait for the placement; 0 does not wait (default: ${DEFAULT-VALUE}).")
            Duration wait) {
        return market.run(spec, out -> Market.print(out, new Polling(wait, POLL).whileRefused(
                "KEEPER.PLACEMENT_NOT_FOUND", () -> market.keeper().get("/v1/data/" + id + "/placements"))));
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
                    description = "Only this status: 0 on sale, 1 registering, 2 removed, 3 storage ended, "
                            + "4 registration failed.")
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
