package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import market.platform.content.Cid;
import market.platform.content.DagPb;
import market.platform.crypto.AesGcm;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Audits on real keeper nodes, with storage days of 3 s: every replica passes once a day; a
 * replica whose blocks are deleted from its node fails its audit that day, with the reason, and
 * after 3 failed days in a row is faulty; its node then fetches the fragment again from a peer,
 * and the replica counts and passes again. The failed days earn its keeper nothing.
 */
class AuditEndToEndTest extends EndToEndTest {

    @Test
    void aDeletedReplicaFailsItsAuditsTurnsFaultyAndIsFetchedAgain() throws Exception {
        MarketPlatform.Cluster started = platform.startCluster("audit-1", "audit-2", "audit-3");
        long cluster = started.id();
        List<MarketPlatform.Node> nodes = started.nodes();
        Wallet provider = Wallet.create();
        flows.deposit(provider.address(), "1.0000 OSB");
        byte[] content = new byte[700_000];
        new SecureRandom().nextBytes(content);
        byte[] key = AesGcm.newKey();
        JsonNode data = flows.register(provider, List.of(content), List.of(key), List.of(HexFormat.of().formatHex(key)),
                cluster, nodes.get(0));
        long dataId = data.get("data_id").longValue();
        String cid = data.get("fragments").get(0).get("cid").stringValue();
        MarketPlatform.Node victim = nodes.get(1);
        String account = victim.wallet().address();

        Flows.await("a passed audit of every replica", () -> {
            List<JsonNode> audits = audits(dataId);
            long passedKeepers = nodes.stream().filter(n -> audits.stream().anyMatch(a -> a.get("outcome").stringValue()
                    .equals("passed") && a.get("idfs_account").stringValue().equals(n.wallet().address()))).count();
            return passedKeepers == 3 ? audits : null;
        });

        deleteDag(victim, Cid.parse(cid));
        JsonNode failed = Flows.await("a failed audit of the deleted replica", () -> audits(dataId).stream()
                .filter(a -> a.get("idfs_account").stringValue().equals(account)
                        && a.get("outcome").stringValue().equals("failed")).findFirst().orElse(null));
        assertThat(failed.get("reason").stringValue()).isNotBlank();
        assertThat(failed.get("chunk").longValue()).isBetween(0L, 2L);
        assertThat(failed.get("range_to").longValue()).isGreaterThan(failed.get("range_from").longValue());
        JsonNode faulty = Flows.await("the replica made faulty", () -> audits(dataId).stream()
                .filter(a -> a.get("idfs_account").stringValue().equals(account)
                        && a.get("outcome").stringValue().equals("faulty")).findFirst().orElse(null));
        assertThat(faulty.get("reason").stringValue()).startsWith("3 failed days in a row");
        assertThat(platform.keeper().get("/v1/keepers/" + account + "/audits").expect(200).json().get("items")
                .findValues("outcome").stream().map(JsonNode::stringValue)).contains("passed", "failed", "faulty");

        // the node is assigned the fragment again, finds its copy gone, fetches it from a peer and
        // sends a new receipt; the replica counts again and passes a later audit
        long faultyAt = faulty.get("timestamp").longValue();
        Flows.await("the replica fetched again and audited", () -> audits(dataId).stream()
                .filter(a -> a.get("idfs_account").stringValue().equals(account)
                        && a.get("outcome").stringValue().equals("passed")
                        && a.get("timestamp").longValue() >= faultyAt).findFirst().orElse(null));
        assertThat(Files.exists(victim.blockFile(cid))).isTrue();

        // the data is on sale, so its term runs: the victim's failed days in the term (at least 2 of
        // the 3, since it failed from the day of the sale on) earned it nothing, so its days earned
        // and failed fit in the term days so far; the other keepers earned on those days
        JsonNode term = platform.keeper().get("/v1/data/" + dataId + "/fragments").expect(200).json().get("term");
        long start = term.get("start_day").longValue();
        List<JsonNode> outcomes = audits(dataId);
        long failedInTerm = outcomes.stream().filter(a -> a.get("idfs_account").stringValue().equals(account)
                && a.get("outcome").stringValue().equals("failed") && a.get("day").longValue() >= start).count();
        long termDays = outcomes.stream().filter(a -> a.get("day").isNumber())
                .mapToLong(a -> a.get("day").longValue()).max().orElseThrow() - start + 1;
        assertThat(failedInTerm).isGreaterThanOrEqualTo(2);
        List<JsonNode> rewards = StreamSupport.stream(platform.keeper().get("/v1/data/" + dataId + "/rewards")
                .expect(200).json().get("items").spliterator(), false).toList();
        assertThat(rewards).hasSize(3);
        long victimDays = rewards.stream().filter(r -> r.get("idfs_account").stringValue().equals(account))
                .mapToLong(r -> r.get("earned_days").longValue()).sum();
        long othersMost = rewards.stream().filter(r -> !r.get("idfs_account").stringValue().equals(account))
                .mapToLong(r -> r.get("earned_days").longValue()).max().orElseThrow();
        assertThat(victimDays + failedInTerm).isLessThanOrEqualTo(termDays);
        assertThat(othersMost).isGreaterThanOrEqualTo(failedInTerm);
    }

    private static List<JsonNode> audits(long dataId) {
        JsonNode items = platform.keeper().get("/v1/data/" + dataId + "/audits").expect(200).json().get("items");
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    /** Deletes every block of the DAG under {@code root} from the node's block store. */
    private static void deleteDag(MarketPlatform.Node node, Cid root) throws IOException {
        Path file = node.blockFile(root.toString());
        if (root.codec() == Cid.DAG_PB) {
            for (DagPb.Link link : DagPb.decode(Files.readAllBytes(file)).links()) {
                deleteDag(node, link.cid());
            }
        }
        Files.deleteIfExists(file);
    }
}
