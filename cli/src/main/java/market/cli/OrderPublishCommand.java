package market.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Callable;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.DatasetOrderSigning.UnsignedOrder;
import market.platform.money.Money;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market order publish}: a provider offers a dataset for sale. It resolves the dataset's
 * address at the registry, reads the EIP-712 domain from the order service, signs the
 * {@code DatasetOrder} with the wallet ({@code eth_signTypedData_v4}) and sends it, signed as a
 * request too. Right after registration the order service may not yet have seen the data go on
 * sale ({@code ORDER.DATA_NOT_ON_SALE}); the same order is then sent again until {@code --wait}
 * passes.
 */
@Command(name = "publish", description = "Sign and publish an order selling a dataset (signed).")
final class OrderPublishCommand implements Callable<Integer> {

    private static final Duration EVERY = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @ParentCommand
    OrderCommands order;

    @Parameters(paramLabel = "DATA", converter = DatasetRef.Name.class,
            description = "The dataset: its data_id or address.")
    String dataset;

    @Option(names = "--price", required = true, paramLabel = "\"2.0000 OSB\"", converter = AmountConverter.class,
            description = "Price of one unit (datasetprice), at most 4 decimals.")
    Money price;

    @Option(names = "--volume", required = true, paramLabel = "N", description = "Number of units for sale.")
    long volume;

    @Option(names = "--tag", paramLabel = "BYTES32", converter = HexOptions.Bytes32.class,
            description = "bytes32 tag of execution requirements (default: none).")
    String tag = HexOptions.ZERO_BYTES32;

    @Option(names = "--requester", paramLabel = "ADDR", converter = HexOptions.Address.class,
            description = "The only buyer allowed (requesterrestrict; default: anyone).")
    String requester = Addresses.ZERO;

    @Option(names = "--salt", paramLabel = "BYTES32", converter = HexOptions.Bytes32.class,
            description = "bytes32 salt that makes the order unique (default: random).")
    String salt;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
            description = "How long to retry while the order service has not seen the data on sale; "
                    + "0 tries once (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() {
        if (volume < 1) {
            throw new ParameterException(spec.commandLine(), "--volume must be at least 1");
        }
        Market market = order.market;
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            DatasetRef ref = DatasetRef.resolve(market.registry(), dataset);
            ServiceClient orders = market.order();
            DatasetOrderSigning signing = signing(orders.get("/v1/domain"));
            UnsignedOrder unsigned = new UnsignedOrder(ref.address(), price.units(), volume, tag, Addresses.ZERO,
                    Addresses.ZERO, requester, salt == null ? HexOptions.randomBytes32() : salt);
            Polling polling = new Polling(wait, EVERY, () -> Market.note(spec,
                    "waiting for the order service to see data " + ref.dataId() + " on sale..."));
            Market.print(out, polling.whileRefused("ORDER.DATA_NOT_ON_SALE",
                    () -> orders.post("/v1/orders", body(unsigned, signing, wallet), wallet)));
        });
    }

    /** The order service's EIP-712 domain, which must be the one this client signs in. */
    private static DatasetOrderSigning signing(JsonNode domain) {
        if (domain == null || !DatasetOrderSigning.DOMAIN_NAME.equals(domain.path("name").asString(null))
                || !DatasetOrderSigning.DOMAIN_VERSION.equals(domain.path("version").asString(null))
                || !domain.path("chainId").isIntegralNumber()
                || !Addresses.isAddress(domain.path("verifyingContract").asString(null))) {
            throw new CliException("the order service's domain is not " + DatasetOrderSigning.DOMAIN_NAME + " "
                    + DatasetOrderSigning.DOMAIN_VERSION + " with a chainId and verifyingContract: " + domain);
        }
        BigInteger chainId = domain.get("chainId").bigIntegerValue();
        return new DatasetOrderSigning(chainId, domain.get("verifyingContract").stringValue());
    }

    private static ObjectNode body(UnsignedOrder o, DatasetOrderSigning signing, Wallet wallet) {
        ObjectNode body = Json.object();
        body.put("dataset", o.dataset());
        body.put("datasetprice", o.datasetprice());
        body.put("volume", o.volume());
        body.put("tag", o.tag());
        body.put("apprestrict", o.apprestrict());
        body.put("workerpoolrestrict", o.workerpoolrestrict());
        body.put("requesterrestrict", o.requesterrestrict());
        body.put("salt", o.salt());
        body.put("sign", wallet.signHash(signing.digest(o)).toHex());
        return body;
    }
}
