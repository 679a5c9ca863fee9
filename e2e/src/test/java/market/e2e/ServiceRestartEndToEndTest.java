package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import market.keeper.KeeperApplication;
import market.order.OrderApplication;
import market.registry.RegistryApplication;
import market.platform.crypto.Addresses;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.TopicReader;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import market.settlement.SettlementApplication;
import market.settlement.event.PaymentDebited;
import market.settlement.event.PaymentSettled;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Services stopped mid-saga and started again: deals created while settlement is down are each
 * paid exactly once after it returns, which the ledger and {@code settlement.events} prove; a
 * deal completed while the registry is down gets its keys once the registry is back; a restarted
 * order service rebuilds the same book, deals and DataShare orders by replay; a {@code plainData}
 * publish staged while its nodes are down is uploaded by the restarted registry once they are back.
 */
class ServiceRestartEndToEndTest extends EndToEndTest {

    private static final long PRICE = 20_000;

    @Test
    void dealsCreatedWhileSettlementIsDownArePaidExactlyOnceAfterItRestarts() {
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        flows.publishOrder(provider, dataset, PRICE, 5, Addresses.ZERO);
        long providerBefore = flows.available(provider.address());
        List<Wallet> buyers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Wallet buyer = Wallet.create();
            flows.deposit(buyer.address(), "2.0000 OSB");
            buyers.add(buyer);
        }

        platform.stop(SettlementApplication.class);
        List<Long> deals = new ArrayList<>();
        for (Wallet buyer : buyers) {
            deals.add(flows.buy(buyer, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue());
        }
        for (long dealId : deals) {
            assertThat(platform.order().get("/v1/deals/" + dealId).expect(200).json().get("status").stringValue())
                    .isEqualTo("PENDING_PAYMENT");
        }
        platform.start(SettlementApplication.class);

        deals.forEach(dealId -> flows.awaitDeal(dealId, "COMPLETED"));
        for (Wallet buyer : buyers) {
            assertThat(flows.available(buyer.address())).isZero();
            JsonNode entries = platform.settlement().get("/v1/accounts/" + buyer.address() + "/entries").expect(200)
                    .json();
            assertThat(entries.get("total").longValue()).as("one deposit, one payment").isEqualTo(2);
        }
        assertThat(flows.available(provider.address())).isEqualTo(providerBefore + 5 * PRICE);
        Map<Long, Integer> debits = new HashMap<>();
        Map<Long, Integer> credits = new HashMap<>();
        SingleObjectCodec codec = SingleObjectCodec.standard();
        for (var record : TopicReader.readAll(KafkaBroker.bootstrapServers(), Topics.SETTLEMENT_EVENTS.name())) {
            SpecificRecord event;
            try {
                event = codec.decode(record.value());
            } catch (SingleObjectCodec.UndecodableException poison) {
                continue; // a poison record another test wrote; the services dead-letter it
            }
            if (event instanceof PaymentDebited e && deals.contains(e.getDealId())) {
                debits.merge(e.getDealId(), 1, Integer::sum);
            } else if (event instanceof PaymentSettled e && deals.contains(e.getDealId())) {
                credits.merge(e.getDealId(), 1, Integer::sum);
            }
        }
        Map<Long, Integer> once = new HashMap<>();
        deals.forEach(dealId -> once.put(dealId, 1));
        assertThat(debits).isEqualTo(once);
        assertThat(credits).isEqualTo(once);
    }

    @Test
    void aDealCompletedWhileTheRegistryIsDownGetsItsKeysAfterTheRegistryRestarts() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        List<String> keys = List.of("k1-" + UUID.randomUUID(), "k2-" + UUID.randomUUID());
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        JsonNode data = flows.register(provider, keys);
        long dataId = data.get("data_id").longValue();
        String dataset = data.get("address").stringValue();
        flows.publishOrder(provider, dataset, PRICE, 1, Addresses.ZERO);

        platform.stop(RegistryApplication.class);
        long dealId = flows.buy(buyer, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        platform.start(RegistryApplication.class);

        JsonNode released = flows.awaitKeys(buyer, dataId);
        assertThat(released.get("deal_id").longValue()).isEqualTo(dealId);
        assertThat(Flows.openKeys(buyer, released)).containsExactlyElementsOf(keys);
    }

    @Test
    void aRestartedOrderServiceRebuildsTheSameBookAndDeals() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        JsonNode data = flows.register(provider, List.of("k-" + UUID.randomUUID()));
        String dataset = data.get("address").stringValue();
        String orderHash = flows.publishOrder(provider, dataset, PRICE, 3, Addresses.ZERO).get("orderHash")
                .stringValue();
        long dealId = flows.buy(buyer, dataset, "2.0000 OSB").expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");
        String book = platform.order().get("/v1/orders?dataset=" + dataset).expect(200).body();
        String deal = platform.order().get("/v1/deals/" + dealId).expect(200).body();

        platform.stop(OrderApplication.class);
        platform.start(OrderApplication.class);

        assertThat(platform.order().get("/v1/orders?dataset=" + dataset).expect(200).body()).isEqualTo(book);
        assertThat(platform.order().get("/v1/deals/" + dealId).expect(200).body()).isEqualTo(deal);
        assertThat(flows.buy(buyer, dataset, "2.0000 OSB").expect(409).errorMsg())
                .isEqualTo("The data has already been purchased");
        assertThat(platform.order().get("/v1/orders/" + orderHash).expect(200).json().get("remaining").longValue())
                .isEqualTo(2);
    }

    @Test
    void aRestartedOrderServiceRebuildsTheSameDataShareOrdersAndKeepsTheirRules() throws Exception {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        Wallet waiting = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        flows.deposit(waiting.address(), "2.0000 OSB");
        java.nio.file.Path home = Cli.home(provider);
        java.nio.file.Path file = home.resolve("data.bin");
        java.nio.file.Files.write(file, new byte[4000]);
        String productId = "restart-" + System.nanoTime();
        Cli.run(platform, home, "datashare", "publish", "--product-id", productId, "--name", "Restart", "--file",
                file.toString(), "--price", "1.0000 OSB", "--cluster", Long.toString(platform.storageCluster()));
        java.util.function.Function<Wallet, java.util.Map<String, Object>> application = consumer -> java.util.Map.of(
                "orderSeq", "o-1", "provider", provider.address(), "productID", productId,
                "buyer_key", market.platform.crypto.Hashes.toHex0x(consumer.publicKey()));
        Flows.await("the product's market to take applications", () -> {
            var applied = platform.order().post(buyer, "/v1/datashare/orders", application.apply(buyer));
            return applied.status() == 201 ? applied : null;
        });
        platform.order().post(provider, "/v1/datashare/orders/authorize", java.util.Map.of("consumer", buyer.address(),
                "orderSeq", "o-1", "approve", true)).expect(200);
        Flows.await("the authorized order paid", () -> platform.order().get("/v1/datashare/orders/" + buyer.address()
                + "/o-1").expect(200).json().get("status").stringValue().equals("finished") ? true : null);
        platform.order().post(waiting, "/v1/datashare/orders", application.apply(waiting)).expect(201);
        String list = "/v1/datashare/orders?provider=" + provider.address();
        List<String> before = List.of(platform.order().get(list).expect(200).body(),
                platform.order().get("/v1/datashare/orders/" + buyer.address() + "/o-1").expect(200).body(),
                platform.order().get("/v1/datashare/orders/" + waiting.address() + "/o-1").expect(200).body());

        platform.stop(OrderApplication.class);
        platform.start(OrderApplication.class);

        assertThat(List.of(platform.order().get(list).expect(200).body(),
                platform.order().get("/v1/datashare/orders/" + buyer.address() + "/o-1").expect(200).body(),
                platform.order().get("/v1/datashare/orders/" + waiting.address() + "/o-1").expect(200).body()))
                .isEqualTo(before);
        // the same history: the paid order is decided, the buyer holds access, the orderSeq is taken
        assertThat(platform.order().post(provider, "/v1/datashare/orders/authorize", java.util.Map.of("consumer",
                buyer.address(), "orderSeq", "o-1", "approve", false)).expect(409).errorCode())
                .isEqualTo("ORDER.ORDER_NOT_PENDING");
        var again = new java.util.HashMap<>(application.apply(waiting));
        again.put("reason", "another");
        assertThat(platform.order().post(waiting, "/v1/datashare/orders", again).expect(409).errorCode())
                .isEqualTo("ORDER.ORDER_SEQ_TAKEN");
        // and the waiting order, authorized after the restart, is paid with the deal it was given
        platform.order().post(provider, "/v1/datashare/orders/authorize", java.util.Map.of("consumer",
                waiting.address(), "orderSeq", "o-1", "approve", true)).expect(200);
        Flows.await("the waiting order paid after the restart", () -> platform.order().get("/v1/datashare/orders/"
                + waiting.address() + "/o-1").expect(200).json().get("status").stringValue().equals("finished")
                ? true : null);
        assertThat(flows.available(waiting.address())).isEqualTo(10_000);
    }

    @Test
    void aPlainDataPublishWhoseNodesAreDownIsUploadedOnceTheyAreBackAcrossARegistryRestart() throws Exception {
        MarketPlatform.Cluster cluster = platform.startCluster("restage-1", "restage-2");
        cluster.nodes().forEach(node -> platform.stopNode(node.name()));
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        flows.deposit(buyer.address(), "2.0000 OSB");
        java.nio.file.Path providerHome = Cli.home(provider);
        java.nio.file.Path buyerHome = Cli.home(buyer);
        java.nio.file.Path file = providerHome.resolve("restaged.bin");
        byte[] bytes = new byte[300_000];
        new java.util.Random(17).nextBytes(bytes);
        java.nio.file.Files.write(file, bytes);
        String productId = "restaged-" + System.nanoTime();
        String product = "/v1/datashare/dataset?provider=" + provider.address() + "&productID=" + productId;

        // no node of the cluster answers: the publish lands, and its ciphertext waits in the staging folder
        Cli.run(platform, providerHome, "datashare", "publish", "--product-id", productId, "--name", "Restaged",
                "--file", file.toString(), "--plain-data", "--price", "0.5000 OSB", "--cluster",
                Long.toString(cluster.id()), "--wait", "1");
        long dataId = platform.registry().get(product).expect(200).json().get("data_id").longValue();
        Flows.await("keeper-service to take the staged fragment's declaration", () -> {
            var storage = platform.keeper().get("/v1/data/" + dataId + "/fragments");
            return storage.status() == 200 && storage.json().path("uploader").isString() ? true : null;
        });
        assertThat(platform.registry().get(product).expect(200).json().get("status").stringValue())
                .isEqualTo("registering");
        assertThat(stagedFolders(dataId)).hasSize(1);

        // the registry stops with the upload not done; the nodes come back while it is down
        platform.stop(RegistryApplication.class);
        List<MarketPlatform.Node> back = cluster.nodes().stream().map(node -> platform.startNode(node.name())).toList();
        platform.start(RegistryApplication.class);

        // the restarted registry finds its staged copy, uploads it, and the product goes on sale
        Flows.await("the product " + productId + " ready after the restart", () -> platform.registry().get(product)
                .expect(200).json().get("status").stringValue().equals("ready") ? true : null);
        Flows.await("the staged copy of data " + dataId + " deleted", () -> stagedFolders(dataId).isEmpty() ? true : null);
        // the storage record names the registry's account as uploader, and nobody else
        JsonNode storage = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json();
        var stranger = Flows.upload(back.get(0), Wallet.create(), dataId, 1, market.platform.content.Cid.parse(
                storage.get("fragments").get(0).get("cid").stringValue()), new byte[64]);
        assertThat(stranger.status()).as(stranger.body()).isEqualTo(403);
        assertThat(stranger.errorCode()).isEqualTo("NODE.NOT_PROVIDER");
        Cli.run(platform, buyerHome, "datashare", "apply", "--product-id", productId, "--provider", provider.address(),
                "--order-seq", "restaged-1");
        Cli.run(platform, providerHome, "datashare", "authorize", "--consumer", buyer.address(), "--order-seq",
                "restaged-1");
        Flows.await("the restaged order paid", () -> platform.order().get("/v1/datashare/orders/" + buyer.address()
                + "/restaged-1").expect(200).json().get("status").stringValue().equals("finished") ? true : null);
        flows.awaitKeys(buyer, dataId);
        java.nio.file.Path out = buyerHome.resolve("restaged.decrypted");
        Cli.run(platform, buyerHome, "datashare", "decrypt", "--product-id", productId, "--provider",
                provider.address(), "--out", out.toString());
        assertThat(java.nio.file.Files.readAllBytes(out)).isEqualTo(bytes);
        flows.assertConserved();
    }

    private static List<java.nio.file.Path> stagedFolders(long dataId) {
        java.nio.file.Path staged = platform.registryDataDir().resolve("staged");
        if (!java.nio.file.Files.isDirectory(staged)) {
            return List.of();
        }
        try (var folders = java.nio.file.Files.list(staged)) {
            return folders.filter(f -> f.getFileName().toString().startsWith(dataId + "-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRestartedKeeperServiceRebuildsTheSameClustersAndStorageAndKeepsItsRules() {
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        long dataId = flows.register(provider, List.of("k-" + UUID.randomUUID())).get("data_id").longValue();
        long cluster = platform.storageCluster();
        String clusterView = platform.keeper().get("/v1/clusters/" + cluster).expect(200).body();
        // the term starts when keeper-service reacts to the sale, just after the registration answers
        String storage = Flows.await("the storage term of " + dataId, () -> {
            var view = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200);
            return view.json().get("term").isNull() ? null : view.body();
        });
        String placements = platform.keeper().get("/v1/data/" + dataId + "/placements").expect(200).body();
        Wallet owner = Wallet.create();
        String keyHash = market.platform.crypto.Hashes.sha256Hex(market.platform.crypto.Hashes.utf8(
                UUID.randomUUID().toString()));
        platform.keeper().post(owner, "/v1/clusters", Map.of("cluster_key_hash", keyHash)).expect(201);

        platform.stop(KeeperApplication.class);
        platform.start(KeeperApplication.class);

        assertThat(platform.keeper().get("/v1/clusters/" + cluster).expect(200).body()).isEqualTo(clusterView);
        assertThat(platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).body()).isEqualTo(storage);
        assertThat(platform.keeper().get("/v1/data/" + dataId + "/placements").expect(200).body())
                .isEqualTo(placements);
        assertThat(platform.keeper().post(Wallet.create(), "/v1/clusters", Map.of("cluster_key_hash", keyHash))
                .expect(409).errorCode()).isEqualTo("KEEPER.CLUSTER_KEY_HASH_TAKEN");
        // the nodes still reach it: a new registration is stored and goes on sale
        assertThat(flows.register(provider, List.of("k-" + UUID.randomUUID())).get("status").intValue()).isZero();
    }
}
