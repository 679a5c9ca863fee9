package market.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market datatype}: defines a data type ({@code adddatatype}: a name and the names of its
 * metadata fields), signed by the wallet, and lists or shows the defined types.
 */
@Command(name = "datatype", description = "Define, list and show data types.")
final class DataTypeCommands extends CommandGroup {

    @ParentCommand
    Market market;

    @Command(name = "add", description = "Define a data type and the names of its metadata fields (signed).")
    int add(@Option(names = "--name", required = true, paramLabel = "NAME", description = "Data type name.")
            String name,
            @Option(names = "--field", paramLabel = "FIELD",
                    description = "Name of a metadata field; repeat for each field, in order.")
            List<String> fields) {
        List<String> names = fields == null ? List.of() : fields;
        return market.run(spec, out -> {
            ObjectNode body = Json.object();
            body.put("datatype_name", name);
            body.put("detail_fields_num", names.size());
            names.forEach(body.putArray("detail_fields")::add);
            Market.print(out, market.registry().post("/v1/datatypes", body, market.wallet()));
        });
    }

    @Command(name = "list", description = "List the defined data types.")
    int list() {
        return market.run(spec, out -> Market.print(out, market.registry().get("/v1/datatypes")));
    }

    @Command(name = "show", description = "Show one data type.")
    int show(@Parameters(paramLabel = "NAME", description = "Data type name.") String name) {
        return market.run(spec, out ->
                Market.print(out, market.registry().get("/v1/datatypes/" + ServiceClient.encode(name))));
    }
}
