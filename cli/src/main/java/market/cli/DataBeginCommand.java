package market.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import market.cli.Fragmenter.Fragment;
import market.cli.Fragmenter.Fragmented;
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
 * It fragments, hashes and seals the file, stages the sealed fragments and their keys locally,
 * sends the signed begin request with the hashes and sizes only, and files the staged folder
 * under the data_id the registry assigns. {@code market data end} later sends the keys.
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
            Fragmented fragmented = fragment(read());
            Wallet wallet = market.wallet();
            ServiceClient registry = market.registry();
            LocalRegistration local = market.localRegistration();
            Path staged = local.stage(fragmented.fragments());
            JsonNode view;
            try {
                view = registry.post("/v1/data", body(fragmented), wallet);
            } catch (ServiceClient.NoAnswer e) {
                throw new CliException(e.getMessage() + "; the registration may have been recorded, and its "
                        + "fragments and keys are kept in " + staged);
            } catch (CliException e) {
                local.discard(staged);
                throw e;
            }
            JsonNode dataId = view == null ? null : view.get("data_id");
            if (dataId == null || !dataId.isIntegralNumber()) {
                throw new CliException("the registry answered without a data_id; the fragments and keys are kept in "
                        + staged);
            }
            local.commit(staged, dataId.longValue());
            Market.print(out, view);
            out.println("next: market data end --id " + dataId.longValue());
        });
    }

    private byte[] read() {
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 64) {
                throw new CliException(file + " is larger than 2 GiB, which this client cannot fragment yet");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
    }

    private Fragmented fragment(byte[] content) {
        try {
            return Fragmenter.split(content, fragments);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }

    private ObjectNode body(Fragmented fragmented) {
        ObjectNode body = Json.object();
        body.put("datatypename", type);
        body.put("price", price.format());
        ArrayNode detailFields = body.putArray("detail_fields");
        (details == null ? List.<String>of() : details).forEach(detailFields::add);
        body.put("period", period);
        body.put("data_hash_original", fragmented.dataHashOriginal());
        body.put("size", fragmented.size());
        ArrayNode list = body.putArray("fragments");
        for (Fragment f : fragmented.fragments()) {
            list.addObject().put("fragment_no", f.fragmentNo()).put("size", f.size())
                    .put("hash_original", f.hashOriginal()).put("idfs_cluster_id", cluster);
        }
        return body;
    }
}
