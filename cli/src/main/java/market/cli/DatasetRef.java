package market.cli;

import market.platform.crypto.Addresses;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;

/**
 * A dataset as orders and deals need it: a provider knows it by its data_id, while orders and
 * deals name it by its address. {@link #resolve} asks the registry which dataset a data_id or an
 * address is, so a dataset the registry does not know is reported before any order or deal.
 */
record DatasetRef(long dataId, String address) {

    /** The registry's dataset named by {@code dataIdOrAddress} (as read by {@link Name}). */
    static DatasetRef resolve(ServiceClient registry, String dataIdOrAddress) {
        JsonNode view = registry.get("/v1/data/" + dataIdOrAddress);
        if (view == null || !view.path("data_id").isIntegralNumber()
                || !Addresses.isAddress(view.path("address").asString(null))) {
            throw new CliException("the registry shows no dataset address for data " + dataIdOrAddress);
        }
        return new DatasetRef(view.get("data_id").longValue(), Addresses.normalize(view.get("address").stringValue()));
    }

    /** An address as it is, anything else resolved through the registry. */
    static String address(ServiceClient registry, String dataIdOrAddress) {
        return Addresses.isAddress(dataIdOrAddress) ? dataIdOrAddress : resolve(registry, dataIdOrAddress).address();
    }

    /** Reads a dataset argument: a data_id (a positive number) or an address, in lower case. */
    static final class Name implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (Addresses.isAddress(value)) {
                return Addresses.normalize(value);
            }
            if (!value.matches("[1-9][0-9]{0,18}")) {
                throw new TypeConversionException("a dataset is its data_id or its address (0x and 40 hex digits)");
            }
            return value;
        }
    }
}
