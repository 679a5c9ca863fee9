package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import market.platform.content.DagPb;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Addresses;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A buyer's {@code market data fetch}, the packaged CLI run as a process, against a cluster of
 * five real keeper nodes holding a 3-fragment dataset that was uploaded once, replicated to all
 * five and audited: with one node stopped and another holding a corrupted block, the fetch drops
 * both and gets the file, byte for byte, from the next.
 */
class BuyerFetchEndToEndTest extends EndToEndTest {

    private static final Path MARKET_JAR = Path.of("..", "cli", "target", "market.jar");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theFetchGoesPastAStoppedNodeAndACorruptedBlock() throws Exception {
        MarketPlatform.Cluster started = platform.startCluster("fetch-1", "fetch-2", "fetch-3", "fetch-4",
                "fetch-5");
        long cluster = started.id();
        List<MarketPlatform.Node> nodes = started.nodes();
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "3.0000 OSB");
        List<byte[]> contents = List.of(random(600_000), random(300_000), random(200_000));
        List<byte[]> keys = List.of(AesGcm.newKey(), AesGcm.newKey(), AesGcm.newKey());
        JsonNode data = flows.register(provider, contents, keys,
                keys.stream().map(k -> HexFormat.of().formatHex(k)).toList(), cluster, nodes.get(0));
        long dataId = data.get("data_id").longValue();
        Flows.await("five replicas of each fragment of data " + dataId, () -> {
            JsonNode storage = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json();
            for (JsonNode fragment : storage.get("fragments")) {
                if (fragment.get("replicas").size() < 5) {
                    return null;
                }
            }
            return storage;
        });
        Flows.await("a passed audit of each of the 15 replicas", () -> {
            java.util.Set<String> passed = new java.util.HashSet<>();
            for (JsonNode audit : platform.keeper().get("/v1/data/" + dataId + "/audits").expect(200).json()
                    .get("items")) {
                if (audit.get("outcome").stringValue().equals("passed")) {
                    passed.add(audit.get("fragment_no").longValue() + "/" + audit.get("idfs_account").stringValue());
                }
            }
            return passed.size() == 15 ? passed : null;
        });
        String dataset = data.get("address").stringValue();
        flows.publishOrder(provider, dataset, 20_000, 1, Addresses.ZERO);
        long dealId = flows.buy(buyer, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        flows.awaitKeys(buyer, dataId);

        // the fetch tries the keepers in the order keeper-service lists fragment 1's replicas: the
        // first of them is stopped, the second's copy of a leaf of fragment 1 is corrupted on disk,
        // and only the third is whole
        JsonNode replicas = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json()
                .get("fragments").get(0).get("replicas");
        List<MarketPlatform.Node> order = new ArrayList<>();
        for (JsonNode replica : replicas) {
            order.add(nodes.stream().filter(n -> n.port() == replica.get("port").intValue()).findFirst().orElseThrow());
        }
        String firstUrl = order.get(0).url();
        String secondUrl = order.get(1).url();
        platform.stopNode(order.get(0).name());
        corruptALeaf(order.get(1), data.get("fragments").get(0).get("cid").stringValue());

        Path home = Files.createTempDirectory("buyer");
        buyer.save(home.resolve("wallet.properties"));
        Path out = home.resolve("data.bin");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                MARKET_JAR.toString(), "--home", home.toString(), "--url", platform.registryUrl(),
                "--keeper-url", platform.keeperUrl(), "data", "fetch", Long.toString(dataId), "--out", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(cli.exitValue()).as(output).isZero();
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        contents.forEach(whole::writeBytes);
        assertThat(Files.readAllBytes(out)).isEqualTo(whole.toByteArray());
        assertThat(output).contains("fragment 1 from " + firstUrl + " failed", "fragment 1 from " + secondUrl
                + " failed", "trying the next keeper");
    }

    /** Flips a byte of the first leaf under {@code root} (a dag-pb node) in the node's block store. */
    private static void corruptALeaf(MarketPlatform.Node node, String root) throws IOException {
        byte[] rootBlock = Files.readAllBytes(node.blockFile(root));
        String leaf = DagPb.decode(rootBlock).links().get(0).cid().toString();
        Path file = node.blockFile(leaf);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
