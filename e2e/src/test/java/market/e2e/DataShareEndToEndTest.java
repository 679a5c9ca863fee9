package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DataShare through the packaged CLI, run as processes, on the whole platform with real keeper
 * nodes: a provider publishes a blind-watermarked CSV product under an ABE policy, with a public
 * sample, and a plain symmetric one; anyone downloads the sample before buying; two buyers apply
 * for the ABE product, the provider authorizes both and settlement takes the price; each gets an
 * attribute key through an abekey-order; the one whose attributes satisfy the policy decrypts a
 * file that carries the provider's mark, the other is refused; the symmetric product, bought the
 * same way, decrypts to the original bytes. A refused application moves no money, and a closed
 * product takes no new application.
 */
class DataShareEndToEndTest extends EndToEndTest {

    private static final String POLICY = "{\"Threshold\":1,\"Children\":[{\"name\":\"att1\",\"type\":\"plain\","
            + "\"value\":\"hello\"},{\"name\":\"policy\",\"type\":\"policy\",\"value\":{\"Threshold\":1,\"Children\":"
            + "[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":{\"op\":\">\",\"value\":\"16\",\"maxValue\":\"10000\"}}]}}]}";

    @Test
    void aProductIsSampledBoughtAndDecryptedOnlyWithASatisfyingKey() throws Exception {
        long cluster = platform.storageCluster();
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        Wallet other = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "5.0000 OSB");
        flows.deposit(other.address(), "5.0000 OSB");
        Path providerHome = home(provider);
        Path buyerHome = home(buyer);
        Path otherHome = home(other);
        Path data = providerHome.resolve("sales.csv");
        Files.writeString(data, table(900));
        Path sample = providerHome.resolve("sales-sample.csv");
        Files.writeString(sample, table(5));
        String productId = "sales-" + System.nanoTime();

        run(providerHome, "datashare", "publish", "--product-id", productId, "--name", "Sales 2026", "--file",
                data.toString(), "--sample", sample.toString(), "--category", "abe", "--policy", POLICY,
                "--watermark", "blind", "--price", "2.0000 OSB", "--cluster", Long.toString(cluster));
        JsonNode product = platform.registry().get("/v1/datashare/dataset?provider=" + provider.address()
                + "&productID=" + productId).expect(200).json();
        assertThat(product.get("status").stringValue()).isEqualTo("ready");

        Path fetchedSample = buyerHome.resolve("sample.csv");
        run(buyerHome, "datashare", "sample", "--product-id", productId, "--provider", provider.address(), "--out",
                fetchedSample.toString());
        assertThat(Files.readAllBytes(fetchedSample)).isEqualTo(Files.readAllBytes(sample));

        long dataId = product.get("data_id").longValue();
        List<Path> homes = List.of(buyerHome, otherHome);
        List<Wallet> buyers = List.of(buyer, other);
        for (int i = 0; i < buyers.size(); i++) {
            Wallet wallet = buyers.get(i);
            JsonNode applied = json(run(homes.get(i), "datashare", "apply", "--product-id", productId, "--provider",
                    "did:ethr:" + provider.address(), "--order-seq", "buy-1", "--reason", "quarterly report"));
            assertThat(applied.get("status").stringValue()).isEqualTo("request");
            assertThat(applied.get("price").stringValue()).isEqualTo("2.0000 OSB");
            assertThat(flows.available(wallet.address())).isEqualTo(50_000);
            JsonNode ready = json(run(providerHome, "datashare", "authorize", "--consumer", wallet.address(),
                    "--order-seq", "buy-1"));
            assertThat(ready.get("status").stringValue()).isIn("ready", "finished");
            awaitOrder(wallet, "buy-1", "finished");
            flows.awaitKeys(wallet, dataId);
            assertThat(flows.available(wallet.address())).isEqualTo(30_000);
        }
        JsonNode finished = json(run(providerHome, "datashare", "orders", "--mine", "--status", "finished"));
        assertThat(finished.get("total").longValue()).isEqualTo(2);

        Path key = attributeKey(providerHome, buyerHome, buyer, provider, "k-1", "17");
        Path decrypted = buyerHome.resolve("sales.csv");
        run(buyerHome, "datashare", "decrypt", "--product-id", productId, "--provider", provider.address(),
                "--abe-key", key.toString(), "--out", decrypted.toString());
        List<String> original = Files.readAllLines(data);
        List<String> got = Files.readAllLines(decrypted);
        assertThat(got).hasSameSizeAs(original);
        assertThat(got.get(0)).isEqualTo(original.get(0));
        assertThat(got).isNotEqualTo(original);
        String extracted = run(buyerHome, "datashare", "watermark", "extract", "--file", decrypted.toString());
        assertThat(extracted).contains("did:ethr:" + provider.address() + "_" + productId);

        Path weak = attributeKey(providerHome, otherHome, other, provider, "k-2", "16");
        Cli.Result refused = exec(otherHome, "datashare", "decrypt", "--product-id", productId, "--provider",
                provider.address(), "--abe-key", weak.toString(), "--out", otherHome.resolve("x.csv").toString());
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("your attribute key does not open this product");
        assertThat(Files.exists(otherHome.resolve("x.csv"))).isFalse();

        // a symmetric product, unmarked: the buyer's bytes are the provider's
        String plainId = "plain-" + System.nanoTime();
        run(providerHome, "datashare", "publish", "--product-id", plainId, "--name", "Plain", "--file", data.toString(),
                "--price", "1.0000 OSB", "--cluster", Long.toString(cluster));
        JsonNode plain = platform.registry().get("/v1/datashare/dataset?provider=" + provider.address()
                + "&productID=" + plainId).expect(200).json();
        run(buyerHome, "datashare", "apply", "--product-id", plainId, "--provider", provider.address(), "--order-seq",
                "buy-2");
        run(providerHome, "datashare", "authorize", "--consumer", buyer.address(), "--order-seq", "buy-2");
        awaitOrder(buyer, "buy-2", "finished");
        flows.awaitKeys(buyer, plain.get("data_id").longValue());
        Path plainOut = buyerHome.resolve("plain.csv");
        run(buyerHome, "datashare", "decrypt", "--product-id", plainId, "--provider", provider.address(), "--out",
                plainOut.toString());
        assertThat(Files.readAllBytes(plainOut)).isEqualTo(Files.readAllBytes(data));

        // a refused application: no deal, no money moved, and the outcome says why
        long before = flows.available(other.address());
        long providerBefore = flows.available(provider.address());
        run(otherHome, "datashare", "apply", "--product-id", plainId, "--provider", provider.address(), "--order-seq",
                "buy-2");
        JsonNode refusedOrder = json(run(providerHome, "datashare", "authorize", "--consumer", other.address(),
                "--order-seq", "buy-2", "--refuse", "--reason", "not for resale"));
        assertThat(refusedOrder.get("status").stringValue()).isEqualTo("canceled");
        assertThat(refusedOrder.get("outcome").stringValue()).isEqualTo("refused by the provider: not for resale");
        assertThat(flows.available(other.address())).isEqualTo(before);
        assertThat(flows.available(provider.address())).isEqualTo(providerBefore);
        Cli.Result again = exec(providerHome, "datashare", "authorize", "--consumer", other.address(), "--order-seq", "buy-2");
        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).contains("ORDER.ORDER_NOT_PENDING");

        run(providerHome, "datashare", "close", "--product-id", plainId);
        int[] attempt = {0};
        Cli.Result closed = Flows.await("the closed product to refuse a new application", () -> {
            try {
                Cli.Result late = exec(otherHome, "datashare", "apply", "--product-id", plainId, "--provider",
                        provider.address(), "--order-seq", "late-" + attempt[0]++);
                return late.output().contains("ORDER.PRODUCT_CLOSED") ? late : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(closed.exit()).isNotZero();
        assertThat(flows.available(other.address())).isEqualTo(before);
        flows.assertConserved();
    }

    /**
     * {@code publish --plain-data}: the file travels in the request, the registry encrypts it,
     * stages the ciphertext, uploads it to a keeper node signed by its own storage account, and
     * completes the registration once the keepers hold it; a buyer then decrypts the provider's
     * bytes, and the registry's staging folder is empty again.
     */
    @Test
    void aProductPublishedWithPlainDataIsStoredByTheRegistryAndDecryptsToTheBytes() throws Exception {
        long cluster = platform.storageCluster();
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        Path providerHome = home(provider);
        Path buyerHome = home(buyer);
        Path data = providerHome.resolve("notes.bin");
        byte[] bytes = new byte[700_000];
        new Random(9).nextBytes(bytes);
        Files.write(data, bytes);
        String productId = "notes-" + System.nanoTime();

        JsonNode published = json(run(providerHome, "datashare", "publish", "--product-id", productId, "--name", "Notes",
                "--file", data.toString(), "--plain-data", "--price", "0.5000 OSB", "--cluster", Long.toString(cluster)));
        assertThat(published.get("status").stringValue()).isEqualTo("ready");
        assertThat(published.get("dataSize").stringValue()).isEqualTo("700000");
        assertThat(published.get("encryptData").stringValue()).startsWith("ipfs://bafy");
        long dataId = published.get("data_id").longValue();
        // the provider keeps no key of it: the registry made it and holds it sealed
        assertThat(Files.exists(providerHome.resolve("datasets").resolve(Long.toString(dataId)))).isFalse();
        JsonNode storage = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json();
        assertThat(storage.get("uploader").stringValue()).matches("0x[0-9a-f]{40}")
                .isNotEqualTo(provider.address());

        run(buyerHome, "datashare", "apply", "--product-id", productId, "--provider", provider.address(),
                "--order-seq", "notes-1");
        run(providerHome, "datashare", "authorize", "--consumer", buyer.address(), "--order-seq", "notes-1");
        awaitOrder(buyer, "notes-1", "finished");
        flows.awaitKeys(buyer, dataId);
        Path out = buyerHome.resolve("notes.decrypted");
        run(buyerHome, "datashare", "decrypt", "--product-id", productId, "--provider", provider.address(), "--out",
                out.toString());
        assertThat(Files.readAllBytes(out)).isEqualTo(bytes);
        assertThat(flows.available(buyer.address())).isEqualTo(15_000);
        Flows.await("the registry to delete its staged copy of data " + dataId, () -> {
            try (var folders = Files.list(platform.registryDataDir().resolve("staged"))) {
                return folders.noneMatch(f -> f.getFileName().toString().startsWith(dataId + "-")) ? Boolean.TRUE : null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        flows.assertConserved();
    }

    private void awaitOrder(Wallet consumer, String orderSeq, String status) {
        Flows.await("order " + orderSeq + " of " + consumer.address() + " " + status, () -> {
            JsonNode order = platform.order().get("/v1/datashare/orders/" + consumer.address() + "/" + orderSeq)
                    .expect(200).json();
            return order.get("status").stringValue().equals(status) ? order : null;
        });
    }

    private static JsonNode json(String output) {
        return new Cli.Result(0, output).json();
    }

    /** An abekey-order for att3 = {@code att3}, authorized by the provider, fetched into the buyer's home. */
    private Path attributeKey(Path providerHome, Path buyerHome, Wallet buyer, Wallet provider, String orderSeq,
            String att3) throws Exception {
        run(buyerHome, "datashare", "abekey", "apply", "--provider", provider.address(), "--order-seq", orderSeq,
                "--attributes", "[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"" + att3 + "\"}]");
        run(providerHome, "datashare", "abekey", "authorize", "--consumer", buyer.address(), "--order-seq", orderSeq);
        Path key = buyerHome.resolve(orderSeq + ".abekey");
        run(buyerHome, "datashare", "abekey", "fetch", "--provider", provider.address(), "--order-seq", orderSeq,
                "--out", key.toString());
        return key;
    }

    private static String run(Path home, String... args) throws Exception {
        return Cli.run(platform, home, args).output();
    }

    private static Cli.Result exec(Path home, String... args) throws Exception {
        return Cli.exec(platform, home, args);
    }

    private static Path home(Wallet wallet) throws Exception {
        return Cli.home(wallet);
    }

    private static String table(int rows) {
        Random random = new Random(rows);
        StringBuilder csv = new StringBuilder("order_id,city,quantity,unit_price\n");
        for (int i = 0; i < rows; i++) {
            csv.append(100000 + i).append(",city").append(random.nextInt(30)).append(',').append(1 + random.nextInt(500))
                    .append(',').append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1000)).append('\n');
        }
        return csv.toString();
    }
}
