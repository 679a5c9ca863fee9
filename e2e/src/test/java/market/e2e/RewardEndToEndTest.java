package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import market.platform.crypto.Addresses;
import market.platform.crypto.AesGcm;
import market.platform.money.Money;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Storage terms, rewards and claims on a cluster of 5 real keeper nodes, with storage days of
 * 3 s: a 3-fragment dataset stored for 2 days goes on sale, every replica is audited on each day
 * of its term, the term ends (status 3, its order closed, the cluster's usage released, the
 * nodes' blocks dropped after their grace period), and each
 * keeper claims exactly its audited days × the daily keeper fee, paid by the treasury; a second
 * claim pays nothing; the payouts never exceed the fee the provider paid.
 */
class RewardEndToEndTest extends EndToEndTest {

    private static final long PERIOD = 2;

    @Test
    void everyKeeperIsPaidItsAuditedDaysOnceAndTheTermEnds() {
        MarketPlatform.Cluster cluster = platform.startCluster("reward-1", "reward-2", "reward-3", "reward-4",
                "reward-5");
        List<MarketPlatform.Node> nodes = cluster.nodes();
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        long treasuryBefore = flows.available("osb.trader");
        SecureRandom random = new SecureRandom();
        List<byte[]> contents = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<String> keyTexts = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            // 3 × 1 MB: 3 started MiB, 30 units a day, 30 / 3 / 5 = 2 units a keeper and day
            byte[] content = new byte[1_000_000];
            random.nextBytes(content);
            byte[] key = AesGcm.newKey();
            contents.add(content);
            keys.add(key);
            keyTexts.add(HexFormat.of().formatHex(key));
        }
        JsonNode data = flows.register(provider, contents, keys, keyTexts, cluster.id(), nodes.get(0), PERIOD);
        long dataId = data.get("data_id").longValue();
        assertThat(data.get("status").intValue()).isZero();
        long dayFee = units(data.get("daySingleIDFSfee"));
        long totalFee = units(data.get("totalStorageFee"));
        assertThat(dayFee).isEqualTo(2);
        assertThat(totalFee).isEqualTo(60);
        String orderHash = flows.publishOrder(provider, data.get("address").stringValue(), 20_000, 3, Addresses.ZERO)
                .get("orderHash").stringValue();

        // a reward for each of the 5 keepers' replicas of the 3 fragments, each worth fee × period
        List<JsonNode> rewards = Flows.await("15 rewards", () -> {
            List<JsonNode> items = items(platform.keeper().get("/v1/data/" + dataId + "/rewards").expect(200).json());
            return items.size() == 15 ? items : null;
        });
        assertThat(rewards).allSatisfy(r -> assertThat(units(r.get("reward_total"))).isEqualTo(dayFee * PERIOD));

        // the term runs out: storage ended (status 3), the order closed, the room released
        JsonNode ended = Flows.await("status 3", () -> {
            JsonNode view = platform.registry().get("/v1/data/" + dataId).expect(200).json();
            return view.get("status").intValue() == 3 ? view : null;
        });
        assertThat(ended.get("status_name").stringValue()).isEqualTo("storage ended");
        Flows.await("order " + orderHash + " closed", () -> platform.order().get("/v1/orders/" + orderHash)
                .expect(200).json().get("status").stringValue().equals("CLOSED") ? true : null);
        assertThat(flows.buy(Wallet.create(), data.get("address").stringValue(), "2.0000 OSB").expect(409).errorMsg())
                .isEqualTo("The data is not on sale");
        Flows.await("the cluster's usage released", () -> platform.keeper().get("/v1/clusters/" + cluster.id())
                .expect(200).json().get("usage").longValue() == 0 ? true : null);
        // after their grace period the nodes drop the blocks
        List<String> cids = StreamSupport.stream(data.get("fragments").spliterator(), false)
                .map(f -> f.get("cid").stringValue()).toList();
        Flows.await("the blocks dropped from every node", () -> nodes.stream().allMatch(node -> cids.stream()
                .noneMatch(cid -> java.nio.file.Files.exists(node.blockFile(cid)))) ? true : null);

        // each keeper claims: audited days × fee for each of its 3 rewards, paid from the treasury
        long paid = 0;
        for (MarketPlatform.Node node : nodes) {
            Wallet keeper = node.wallet();
            List<JsonNode> own = items(platform.keeper().get("/v1/keepers/" + keeper.address() + "/rewards")
                    .expect(200).json()).stream().filter(r -> r.get("data_id").longValue() == dataId).toList();
            assertThat(own).hasSize(3);
            assertThat(own).as("every term day audited for " + node.name())
                    .allSatisfy(r -> assertThat(r.get("earned_days").longValue()).isEqualTo(PERIOD));
            long expected = own.stream().mapToLong(r -> r.get("earned_days").longValue() * dayFee).sum();
            assertThat(expected).isEqualTo(3 * PERIOD * dayFee);

            JsonNode claim = platform.keeper().post(keeper, "/v1/claims", Map.of("data_id", dataId,
                    "storagePeriod", PERIOD)).expect(201).json();
            assertThat(units(claim.get("quantity"))).isEqualTo(expected);
            assertThat(claim.get("items")).hasSize(3);
            long claimId = claim.get("claim_id").longValue();
            Flows.await("claim " + claimId + " paid", () -> items(platform.keeper()
                    .get("/v1/keepers/" + keeper.address() + "/claims").expect(200).json()).stream()
                    .filter(c -> c.get("claim_id").longValue() == claimId
                            && c.get("status").stringValue().equals("paid")).findFirst().orElse(null));
            assertThat(flows.available(keeper.address())).isEqualTo(expected);

            // claiming again for the same days pays nothing: the term has ended and all was claimed
            assertThat(platform.keeper().post(keeper, "/v1/claims", Map.of("data_id", dataId, "storagePeriod", PERIOD))
                    .expect(409).errorCode()).isEqualTo("KEEPER.ALL_CLAIMED");
            assertThat(flows.available(keeper.address())).isEqualTo(expected);
            assertThat(items(platform.keeper().get("/v1/keepers/" + keeper.address() + "/rewards").expect(200).json())
                    .stream().filter(r -> r.get("data_id").longValue() == dataId))
                    .allSatisfy(r -> {
                        assertThat(units(r.get("reward_claimed"))).isEqualTo(PERIOD * dayFee);
                        assertThat(units(r.get("claimable"))).isZero();
                    });
            paid += expected;
        }
        assertThat(paid).isEqualTo(5 * 3 * PERIOD * dayFee).isLessThanOrEqualTo(totalFee);
        assertThat(flows.available("osb.trader")).isEqualTo(treasuryBefore + totalFee - paid)
                .isGreaterThanOrEqualTo(0);
    }

    private static long units(JsonNode amount) {
        return Money.parse(amount.stringValue()).units();
    }

    private static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }
}
