package market.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import market.platform.crypto.Hashes;
import market.platform.money.Money;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market buy}: the wallet buys one unit of a dataset. It resolves the dataset's address at
 * the registry and asks the order service, signed, for a deal on an open order of it priced at
 * most {@code --max-price}, naming the wallet's public key, to which the registry later wraps the
 * fragment keys. Settlement pays the deal asynchronously, so the command follows the deal until
 * it is completed or cancelled, or {@code --wait} passes.
 */
@Command(name = "buy", description = "Buy one unit of a dataset from the order book (signed).")
final class BuyCommand implements Callable<Integer> {

    static final String PENDING = "PENDING_PAYMENT";
    static final String CANCELLED = "CANCELLED";

    private static final Duration EVERY = Duration.ofMillis(300);

    @Spec
    CommandSpec spec;

    @ParentCommand
    Market market;

    @Parameters(paramLabel = "DATA", converter = DatasetRef.Name.class,
            description = "The dataset: its data_id or address.")
    String dataset;

    @Option(names = "--max-price", required = true, paramLabel = "\"2.0000 OSB\"", converter = AmountConverter.class,
            description = "The most to pay, at most 4 decimals.")
    Money maxPrice;

    @Option(names = "--tag", paramLabel = "BYTES32", converter = HexOptions.Bytes32.class,
            description = "bytes32 tag of execution requirements the order must offer (default: none).")
    String tag = HexOptions.ZERO_BYTES32;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
            description = "How long to wait for settlement to pay the deal; 0 does not wait "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() {
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            DatasetRef ref = DatasetRef.resolve(market.registry(), dataset);
            ServiceClient orders = market.order();
            JsonNode deal = orders.post("/v1/deals", body(wallet, ref), wallet);
            if (deal == null || !deal.path("deal_id").isIntegralNumber()) {
                throw new CliException("the order service answered without a deal_id");
            }
            long dealId = deal.get("deal_id").longValue();
            deal = new Polling(wait, EVERY).until(deal, () -> orders.get("/v1/deals/" + dealId),
                    d -> !PENDING.equals(status(d)));
            Market.print(out, deal);
            if (CANCELLED.equals(status(deal))) {
                throw new CliException("deal " + dealId + " was cancelled: " + deal.path("reason").asString(""));
            }
            if (PENDING.equals(status(deal))) {
                Market.note(spec, "deal " + dealId + " is still pending payment; follow it with `market deal show "
                        + dealId + "`");
            }
        });
    }

    private ObjectNode body(Wallet wallet, DatasetRef ref) {
        ObjectNode body = Json.object();
        body.put("buyer", wallet.address());
        body.put("dataset", ref.address());
        body.put("maxprice", maxPrice.format());
        body.put("buyer_key", Hashes.toHex0x(wallet.publicKey()));
        body.put("tag", tag);
        body.put("salt", HexOptions.randomBytes32());
        return body;
    }

    private static String status(JsonNode deal) {
        return deal == null ? null : deal.path("status").asString(null);
    }
}
