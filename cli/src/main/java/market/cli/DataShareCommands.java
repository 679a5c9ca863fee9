package market.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import market.platform.crypto.Hashes;
import market.platform.ids.Did;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code market datashare}: BCS DataShare products. {@code publish} puts a product on sale with
 * its samples; {@code show} and {@code list} are query-dataset and query-datasets; {@code close}
 * takes no new purchases; {@code sample} downloads a public sample before any purchase;
 * {@code abe-setup} makes the provider's ABE master key, kept in the registry's custody;
 * {@code abekey} applies for and issues attribute keys; {@code apply}, {@code authorize},
 * {@code withdraw} and {@code orders} are purchases by application (the provider authorizes, and
 * settlement takes the price); {@code decrypt} downloads and decrypts a bought product on this
 * machine; {@code watermark extract} names the mark a file carries.
 */
@Command(name = "datashare", description = "BCS DataShare products: publish, query, close, samples, orders, ABE keys, decryption.",
        subcommands = {DataSharePublishCommand.class, DataShareDecryptCommand.class, AbeKeyCommands.class,
            DataShareCommands.Watermark.class})
final class DataShareCommands extends CommandGroup {

    @ParentCommand
    Market market;

    /** Whose product: an address or did:ethr DID, or the wallet's own. */
    static final class Owner {
        @Option(names = "--provider", paramLabel = "ADDR|DID", description = "The product's provider (default: this wallet).")
        String provider;
    }

    @Command(name = "show", description = "Show one product (query-dataset).")
    int show(@Option(names = "--product-id", required = true, paramLabel = "ID", description = "productID.") String productId,
            @ArgGroup(exclusive = true) Owner owner) {
        return market.run(spec, out -> Market.print(out, product(owner, productId)));
    }

    @Command(name = "list", description = "List products (query-datasets).")
    int list(@Option(names = "--provider", paramLabel = "ADDR|DID", description = "Only this provider's products.") String provider,
            @Option(names = "--mine", description = "Only this wallet's products.") boolean mine,
            @Option(names = "--search", paramLabel = "TEXT", description = "Text in productID, name, description.") String text,
            @Option(names = "--status", paramLabel = "ready|closed", description = "Only this status.") String status,
            @Option(names = "--page", paramLabel = "P", description = "currentPage, from 1.") Integer page,
            @Option(names = "--size", paramLabel = "K", description = "pageSizeNum.") Integer size) {
        return market.run(spec, out -> {
            Query query = new Query().add("provider", mine ? market.wallet().address() : provider)
                    .add("searchText", text).add("status", status).add("currentPage", page).add("pageSizeNum", size);
            Market.print(out, market.registry().get(query.after("/v1/datashare/datasets")));
        });
    }

    @Command(name = "close", description = "Close one of your products: no new purchases; buyers keep access (signed).")
    int close(@Option(names = "--product-id", required = true, paramLabel = "ID", description = "productID.") String productId) {
        return market.run(spec, out -> Market.print(out, market.registry().put("/v1/datashare/dataset",
                Json.object().put("productID", productId).put("status", "closed"), market.wallet())));
    }

    @Command(name = "abe-setup", description = "Make your ABE master key, kept sealed in the registry's custody (signed).")
    int abeSetup() {
        return market.run(spec, out -> Market.print(out, market.registry().post("/v1/datashare/abe-setup",
                Json.object(), market.wallet())));
    }

    @Command(name = "sample", description = "Download a product's public sample from its keepers, before any purchase.")
    int sample(@Option(names = "--product-id", required = true, paramLabel = "ID", description = "productID.") String productId,
            @ArgGroup(exclusive = true) Owner owner,
            @Option(names = "--index", defaultValue = "1", paramLabel = "N",
                    description = "Which sample, from 1 (default: ${DEFAULT-VALUE}).") int index,
            @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it.") Path out) {
        return market.run(spec, printer -> {
            JsonNode product = product(owner, productId);
            JsonNode samples = product.path("sampleFiles");
            if (index < 1 || index > samples.size()) {
                throw new CliException("product " + productId + " has " + samples.size() + " samples");
            }
            long no = samples.get(index - 1).path("fragment_no").asLong();
            long dataId = product.path("data_id").asLong();
            List<JsonNode> fragment = fragments(market, dataId, List.of(no));
            new FragmentFetcher(market, spec).fetch(dataId, fragment, n -> null,
                    fragment.get(0).path("hash_original").asString(), out);
            printer.println("fetched sample " + samples.get(index - 1).path("dataName").asString() + " of " + productId
                    + " into " + out);
        });
    }

    @Command(name = "apply", description = "Apply to buy a product, under an orderSeq of yours (signed); the provider decides.")
    int apply(@Option(names = "--product-id", required = true, paramLabel = "ID", description = "productID.") String productId,
            @Option(names = "--provider", required = true, paramLabel = "ADDR|DID", description = "The product's provider.") String provider,
            @Option(names = "--order-seq", required = true, paramLabel = "SEQ", description = "Your orderSeq.") String orderSeq,
            @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.") String reason,
            @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
                    description = "How long to wait for the order service to see a product just published (default: ${DEFAULT-VALUE}).")
            java.time.Duration wait) {
        return market.run(spec, out -> {
            var wallet = market.wallet();
            var body = Json.object().put("orderSeq", orderSeq).put("provider", provider).put("productID", productId)
                    .put("reason", reason).put("buyer_key", Hashes.toHex0x(wallet.publicKey()));
            Market.print(out, new Polling(wait, APPLY_POLL, () -> spec.commandLine().getErr().println(
                    "waiting for the order service to see product " + productId + " on sale…"))
                    .whileRefused(java.util.Set.of("ORDER.PRODUCT_NOT_FOUND", "ORDER.DATA_NOT_ON_SALE"),
                            () -> market.order().post("/v1/datashare/orders", body, wallet)));
        });
    }

    private static final java.time.Duration APPLY_POLL = java.time.Duration.ofMillis(250);

    @Command(name = "authorize", description = "Authorize a consumer's order, which buys it at the product's price, or refuse it (signed, provider).")
    int authorize(@Option(names = "--consumer", required = true, paramLabel = "ADDR|DID", description = "The consumer.") String consumer,
            @Option(names = "--order-seq", required = true, paramLabel = "SEQ", description = "The consumer's orderSeq.") String orderSeq,
            @Option(names = "--refuse", description = "Refuse the order: no deal, no payment.") boolean refuse,
            @Option(names = "--product-id", paramLabel = "ID", description = "Which of your products (needed only "
                    + "when the consumer used the orderSeq for two).") String productId,
            @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.") String reason) {
        return market.run(spec, out -> {
            var body = Json.object().put("consumer", consumer).put("orderSeq", orderSeq).put("approve", !refuse)
                    .put("reason", reason);
            if (productId != null) {
                body.put("productID", productId);
            }
            Market.print(out, market.order().post("/v1/datashare/orders/authorize", body, market.wallet()));
        });
    }

    @Command(name = "withdraw", description = "Withdraw one of your orders the provider has not decided (signed).")
    int withdraw(@Option(names = "--order-seq", required = true, paramLabel = "SEQ", description = "Your orderSeq.") String orderSeq,
            @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.") String reason) {
        return market.run(spec, out -> Market.print(out, market.order().post("/v1/datashare/orders/withdraw",
                Json.object().put("orderSeq", orderSeq).put("reason", reason), market.wallet())));
    }

    @Command(name = "orders", description = "Show one order (--order-seq, of --consumer or this wallet) or list orders.")
    int orders(@Option(names = "--order-seq", paramLabel = "SEQ", description = "Show this order.") String orderSeq,
            @Option(names = "--product-id", paramLabel = "ID", description = "With --order-seq and --provider: of this product.") String productId,
            @Option(names = "--consumer", paramLabel = "ADDR|DID", description = "Whose orders (with --order-seq: default this wallet).") String consumer,
            @Option(names = "--provider", paramLabel = "ADDR|DID", description = "Only orders for this provider's products.") String provider,
            @Option(names = "--mine", description = "Only orders for this wallet's products.") boolean mine,
            @Option(names = "--status", paramLabel = "request|ready|finished|failed|canceled", description = "Only this status.") String status,
            @Option(names = "--page", paramLabel = "P", description = "currentPage, from 1.") Integer page,
            @Option(names = "--size", paramLabel = "K", description = "pageSizeNum.") Integer size) {
        return market.run(spec, out -> {
            if (orderSeq != null) {
                String who = consumer == null ? market.wallet().address() : Did.strip(consumer);
                String path = "/v1/datashare/orders/" + who + "/" + ServiceClient.encode(orderSeq);
                Market.print(out, market.order().get(productId == null ? path
                        : new Query().add("provider", provider).add("productID", productId).after(path)));
                return;
            }
            Query query = new Query().add("provider", mine ? market.wallet().address() : provider).add("consumer", consumer)
                    .add("status", status).add("currentPage", page).add("pageSizeNum", size);
            Market.print(out, market.order().get(query.after("/v1/datashare/orders")));
        });
    }

    @Command(name = "watermark", description = "Watermarks.")
    static final class Watermark extends CommandGroup {
        @ParentCommand
        DataShareCommands datashare;

        @Command(name = "extract", description = "Name the watermark a PNG, JPEG or CSV file carries.")
        int extract(@Option(names = "--file", required = true, paramLabel = "PATH", description = "The file.") Path file) {
            return datashare.market.run(spec, out -> Market.print(out, datashare.market.registry()
                    .postMultipart("/v1/datashare/dataset/watermark/extract", "file", file)));
        }
    }

    JsonNode product(Owner owner, String productId) {
        String provider = owner == null || owner.provider == null ? market.wallet().address() : owner.provider;
        return market.registry().get(new Query().add("provider", provider).add("productID", productId)
                .after("/v1/datashare/dataset"));
    }

    /** The dataset's fragment views with these numbers, in the order given. */
    static List<JsonNode> fragments(Market market, long dataId, List<Long> numbers) {
        JsonNode dataset = market.registry().get("/v1/data/" + dataId);
        List<JsonNode> out = new ArrayList<>();
        for (long no : numbers) {
            for (JsonNode fragment : dataset.path("fragments")) {
                if (fragment.path("fragment_no").asLong() == no) {
                    out.add(fragment);
                }
            }
        }
        if (out.size() != numbers.size() || out.stream().anyMatch(f -> f.path("cid").isNull() || f.path("cid").isMissingNode())) {
            throw new CliException("data " + dataId + " is not stored yet");
        }
        return out;
    }
}
