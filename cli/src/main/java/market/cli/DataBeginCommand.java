package market.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import market.platform.crypto.AesGcm;
import market.platform.money.Money;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market data begin}: the first phase of registering a dataset ({@code adddatabegin}).
 * It hashes the file and its fragments in one streaming pass, stages a fresh key per fragment
 * locally, sends the signed begin request with the hashes and sizes only, files the staged folder
 * under the data_id the registry assigns, and then encrypts each fragment under its key, bound to
 * that data_id, computing its CID. {@code market data end} later uploads the fragments to the
 * keepers and sends the keys.
 */
@Command(name = "begin", description = "Start registering a dataset from a file (adddatabegin, signed).")
final class DataBeginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    DataCommands data;

    @Option(names = "--type", required = true, paramLabel = "T", description = "Data type name.")
    String type;

    @Option(names = "--price", required = true, paramLabel = "\"2.0000 OSB\"", converter = AmountConverter.class,
            description = "Price as an OSB amount, at most 4 decimals.")
    Money price;

    @Option(names = "--period", required = true, paramLabel = "DAYS", description = "Storage period in days.")
    int period;

    @Option(names = "--detail", paramLabel = "V",
            description = "Value of a metadata field of the data type; repeat for each field, in order.")
    List<String> details;

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "The data file.")
    Path file;

    @Option(names = "--fragments", defaultValue = "1", paramLabel = "N",
            description = "Number of fragments (default: ${DEFAULT-VALUE}).")
    int fragments;

    @Option(names = "--cluster", defaultValue = "0", paramLabel = "ID",
            description = "IDFS cluster of every fragment; 0 lets the platform choose (default: ${DEFAULT-VALUE}).")
    long cluster;

    @Override
    public Integer call() {
        if (fragments < 1) {
            throw new ParameterException(spec.commandLine(), "--fragments must be at least 1");
        }
        Market market = data.market;
        return market.run(spec, out -> {
            Fragmenter.Plan plan = plan();
            Wallet wallet = market.wallet();
            ServiceClient registry = market.registry();
            LocalRegistration local = market.localRegistration();
            List<byte[]> keys = plan.parts().stream().map(part -> AesGcm.newKey()).toList();
            Path staged = local.stage(keys);
            JsonNode view;
            try {
                view = registry.post("/v1/data", body(plan), wallet);
            } catch (ServiceClient.NoAnswer e) {
                throw new CliException(e.getMessage() + "; the registration may have been recorded, and its "
                        + "keys are kept in " + staged);
            } catch (CliException e) {
                local.discard(staged);
                throw e;
            }
            JsonNode dataId = view == null ? null : view.get("data_id");
            if (dataId == null || !dataId.isIntegralNumber()) {
                throw new CliException("the registry answered without a data_id; the keys are kept in " + staged);
            }
            long id = dataId.longValue();
            local.commit(staged, id);
            local.recordSealed(id, seal(plan, keys, id, local));
            Market.print(out, view);
            out.println("next: market data end --id " + id);
        });
    }

    /** The first pass: sizes and hashes, all that adddatabegin needs. */
    private Fragmenter.Plan plan() {
        try {
            return Fragmenter.plan(file, fragments, new Progress(spec.commandLine().getErr(), "hashing " + file,
                    Files.size(file)));
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
    }

    /** The second pass, once the data_id is known: each fragment encrypted under its own key and context. */
    private List<Fragmenter.Sealed> seal(Fragmenter.Plan plan, List<byte[]> keys, long dataId, LocalRegistration local) {
        List<Fragmenter.Sealed> sealed = new ArrayList<>();
        for (Fragmenter.Part part : plan.parts()) {
            Progress progress = new Progress(spec.commandLine().getErr(), "encrypting fragment " + part.fragmentNo()
                    + "/" + plan.parts().size(), part.size());
            try {
                sealed.add(Fragmenter.seal(file, part, keys.get(part.fragmentNo() - 1), dataId,
                        local.fragmentFile(dataId, part.fragmentNo()), progress));
            } catch (IOException e) {
                throw new CliException("cannot encrypt fragment " + part.fragmentNo() + " of " + file + ": " + e);
            }
            progress.finish();
        }
        return sealed;
    }

    private ObjectNode body(Fragmenter.Plan plan) {
        ObjectNode body = Json.object();
        body.put("datatypename", type);
        body.put("price", price.format());
        ArrayNode detailFields = body.putArray("detail_fields");
        (details == null ? List.<String>of() : details).forEach(detailFields::add);
        body.put("period", period);
        body.put("data_hash_original", plan.dataHashOriginal());
        body.put("size", plan.size());
        ArrayNode list = body.putArray("fragments");
        for (Fragmenter.Part f : plan.parts()) {
            list.addObject().put("fragment_no", f.fragmentNo()).put("size", f.size())
                    .put("hash_original", f.hashOriginal()).put("idfs_cluster_id", cluster);
        }
        return body;
    }
}
