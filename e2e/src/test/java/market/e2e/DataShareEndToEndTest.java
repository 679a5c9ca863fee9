package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import market.platform.crypto.Addresses;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DataShare through the packaged CLI, run as processes, on the whole platform with real keeper
 * nodes: a provider publishes a blind-watermarked CSV product under an ABE policy, with a public
 * sample, and a plain symmetric one; anyone downloads the sample before buying; two buyers buy
 * the ABE product, and each gets an attribute key through an abekey-order; the one whose
 * attributes satisfy the policy decrypts a file that carries the provider's mark, the other is
 * refused; the symmetric product decrypts to the original bytes.
 */
class DataShareEndToEndTest extends EndToEndTest {

    private static final Path MARKET_JAR = Path.of("..", "cli", "target", "market.jar");
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

        String dataset = product.get("address").stringValue();
        long dataId = product.get("data_id").longValue();
        flows.publishOrder(provider, dataset, 20_000, 5, Addresses.ZERO);
        for (Wallet wallet : List.of(buyer, other)) {
            long dealId = flows.buy(wallet, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue();
            flows.awaitDeal(dealId, "COMPLETED");
            flows.awaitKeys(wallet, dataId);
        }

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
        Result refused = exec(otherHome, "datashare", "decrypt", "--product-id", productId, "--provider",
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
        flows.publishOrder(provider, plain.get("address").stringValue(), 10_000, 1, Addresses.ZERO);
        long deal = flows.buy(buyer, plain.get("address").stringValue(), "1.0000 OSB").expect(201).json()
                .get("deal_id").longValue();
        flows.awaitDeal(deal, "COMPLETED");
        flows.awaitKeys(buyer, plain.get("data_id").longValue());
        Path plainOut = buyerHome.resolve("plain.csv");
        run(buyerHome, "datashare", "decrypt", "--product-id", plainId, "--provider", provider.address(), "--out",
                plainOut.toString());
        assertThat(Files.readAllBytes(plainOut)).isEqualTo(Files.readAllBytes(data));

        run(providerHome, "datashare", "close", "--product-id", plainId);
        Flows.await("the closed product's market to refuse a buyer", () -> {
            var response = flows.buy(other, plain.get("address").stringValue(), "1.0000 OSB");
            return response.status() == 409 ? response : null;
        });
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

    private record Result(int exit, String output) {}

    private static String run(Path home, String... args) throws Exception {
        Result result = exec(home, args);
        assertThat(result.exit()).as(String.join(" ", args) + "\n" + result.output()).isZero();
        return result.output();
    }

    private static Result exec(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", MARKET_JAR.toString(), "--home", home.toString(), "--url", platform.registryUrl(),
                "--keeper-url", platform.keeperUrl()));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(cli.exitValue(), output);
    }

    private static Path home(Wallet wallet) throws Exception {
        Path home = Files.createTempDirectory("datashare");
        wallet.save(home.resolve("wallet.properties"));
        return home;
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
