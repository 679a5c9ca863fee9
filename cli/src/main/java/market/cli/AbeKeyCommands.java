package market.cli;

import java.nio.file.Path;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeUserKey;
import market.platform.crypto.abe.UserKeyDelivery;
import market.platform.ids.Did;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market datashare abekey}: attribute keys (abekey-orders). A buyer {@code apply}s to a
 * provider with the attributes it asks for; the provider {@code authorize}s, possibly with other
 * attributes, or refuses, or sells the key at a {@code --price} that settlement takes from the
 * buyer before the key is made; the buyer {@code fetch}es the issued key, sealed to its wallet,
 * opens it here and keeps it in a file readable by its owner only. {@code list} shows a
 * provider's orders.
 */
@Command(name = "abekey", description = "Apply for, authorize and fetch ABE attribute keys.")
final class AbeKeyCommands extends CommandGroup {

    @ParentCommand
    DataShareCommands datashare;

    @Command(name = "apply", description = "Apply to a provider for an attribute key (signed).")
    int apply(@Option(names = "--provider", required = true, paramLabel = "ADDR|DID", description = "The provider.") String provider,
            @Option(names = "--order-seq", required = true, paramLabel = "SEQ", description = "Your orderSeq.") String orderSeq,
            @Option(names = "--attributes", required = true, paramLabel = "JSON",
                    description = "[{\"name\",\"type\":\"plain\"|\"comparable\",\"value\"}…]") String attributes,
            @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.") String reason,
            @Option(names = "--max-price", paramLabel = "AMOUNT",
                    description = "The most you pay for the key (e.g. \"0.5000 OSB\"; default: a free key only).") String maxPrice) {
        Market market = datashare.market;
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            ObjectNode body = Json.object().put("provider", provider).put("orderSeq", orderSeq)
                    .put("buyer_key", Hashes.toHex0x(wallet.publicKey())).put("reason", reason);
            if (maxPrice != null) {
                body.put("maxPrice", maxPrice);
            }
            body.set("attributes", Json.parse(attributes));
            Market.print(out, market.registry().post("/v1/datashare/abekey-orders", body, wallet));
        });
    }

    @Command(name = "authorize", description = "Issue an attribute key for an order, or refuse it (signed, provider).")
    int authorize(@Option(names = "--consumer", required = true, paramLabel = "ADDR", description = "The buyer.") String consumer,
            @Option(names = "--order-seq", required = true, paramLabel = "SEQ", description = "The buyer's orderSeq.") String orderSeq,
            @Option(names = "--attributes", paramLabel = "JSON", description = "Grant these attributes instead.") String attributes,
            @Option(names = "--refuse", description = "Refuse the order.") boolean refuse,
            @Option(names = "--price", paramLabel = "AMOUNT",
                    description = "Sell the key: the buyer pays this (e.g. \"0.5000 OSB\") before it is issued.") String price,
            @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.") String reason) {
        Market market = datashare.market;
        return market.run(spec, out -> {
            ObjectNode body = Json.object().put("consumer", consumer).put("orderSeq", orderSeq).put("approve", !refuse)
                    .put("reason", reason);
            if (price != null) {
                body.put("price", price);
            }
            if (attributes != null) {
                body.set("attributes", Json.parse(attributes));
            }
            Market.print(out, market.registry().post("/v1/datashare/abekey-orders/authorize", body, market.wallet()));
        });
    }

    @Command(name = "list", description = "List a provider's abekey-orders.")
    int list(@Option(names = "--provider", required = true, paramLabel = "ADDR|DID", description = "The provider.") String provider,
            @Option(names = "--consumer", paramLabel = "ADDR", description = "Only this buyer's.") String consumer,
            @Option(names = "--status", paramLabel = "request|finished|canceled", description = "Only this status.") String status) {
        return datashare.market.run(spec, out -> Market.print(out, datashare.market.registry().get(new Query()
                .add("provider", provider).add("consumer", consumer).add("status", status)
                .after("/v1/datashare/abekey-orders"))));
    }

    @Command(name = "fetch", description = "Fetch your issued attribute key, open it and keep it in a file (signed read); "
            + "a priced key is fetched once settlement has taken its price.")
    int fetch(@Option(names = "--provider", required = true, paramLabel = "ADDR", description = "The provider.") String provider,
            @Option(names = "--order-seq", required = true, paramLabel = "SEQ", description = "Your orderSeq.") String orderSeq,
            @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to keep the key.") Path file,
            @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS", converter = Polling.Seconds.class,
                    description = "How long to wait while a priced key's payment is in flight (default: ${DEFAULT-VALUE}).")
            java.time.Duration wait) {
        Market market = datashare.market;
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            String address = Did.strip(provider);
            String path = "/v1/datashare/abekey-orders/" + address + "/" + ServiceClient.encode(orderSeq);
            JsonNode first = market.registry().get(path, wallet);
            JsonNode order = new Polling(wait, java.time.Duration.ofMillis(250), () -> spec.commandLine().getErr()
                    .println("waiting for settlement to take the key's price (" + first.path("price").asString() + ")…"))
                    .until(first, () -> market.registry().get(path, wallet),
                            o -> !o.path("status").asString().equals("ready"));
            if (!order.path("status").asString().equals("finished")) {
                String why = order.path("refusal").isString() ? ": " + order.path("refusal").asString() : "";
                throw new CliException("order " + orderSeq + " is " + order.path("status").asString() + ", not finished"
                        + why);
            }
            byte[] key;
            try {
                key = wallet.decrypt(Hashes.fromHex(order.path("sealedUserKey").asString()),
                        UserKeyDelivery.context(address.toLowerCase(java.util.Locale.ROOT), wallet.address(), orderSeq));
                AbeUserKey.decode(key);
            } catch (IllegalArgumentException e) {
                throw new CliException("the issued key does not open with this wallet: " + e.getMessage());
            }
            OwnerOnlyFiles.write(file, (Hashes.toHex0x(key) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.println("saved the attribute key of order " + orderSeq + " (" + order.path("grantedAttributes").asString()
                    + ") to " + file);
        });
    }
}
