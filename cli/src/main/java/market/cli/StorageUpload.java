package market.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import market.platform.content.GatewayClient;
import market.platform.signing.Wallet;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The storage step of {@code market data end}, before adddataend: wait for keeper-service to
 * place the fragments, declare each fragment's CID and encrypted size (signed), upload each
 * fragment once, streamed from its file with a progress line, to one keeper node of its cluster
 * (the next one when a node refuses or fails), and wait until keeper-service counts enough
 * verified replicas of every fragment. A fragment that already has a replica is not sent again,
 * so the command can be run again after a failure.
 */
final class StorageUpload {

    private static final Duration POLL = Duration.ofMillis(300);

    private final Market market;
    private final CommandSpec spec;

    StorageUpload(Market market, CommandSpec spec) {
        this.market = market;
        this.spec = spec;
    }

    void run(long dataId, List<LocalRegistration.Secret> secrets, Wallet wallet, Duration wait) {
        ServiceClient keeper = market.keeper();
        JsonNode storage = new Polling(wait, POLL, () -> Market.note(spec, "waiting for keeper-service to place "
                + "the fragments of data " + dataId + "…")).whileRefused("KEEPER.STORAGE_NOT_FOUND",
                () -> keeper.get("/v1/data/" + dataId + "/fragments"));
        storage = keeper.post("/v1/data/" + dataId + "/fragments", declaration(secrets), wallet);
        for (JsonNode fragment : storage.path("fragments")) {
            if (fragment.path("replicas").isEmpty()) {
                upload(dataId, secrets.get(fragment.path("fragment_no").asInt() - 1), fragment, wallet);
            }
        }
        JsonNode stored = new Polling(wait, POLL, () -> Market.note(spec, "waiting for the keepers to replicate "
                + "the fragments…")).until(keeper.get("/v1/data/" + dataId + "/fragments"),
                () -> keeper.get("/v1/data/" + dataId + "/fragments"), StorageUpload::allStored);
        if (!allStored(stored)) {
            List<Long> missing = new ArrayList<>();
            stored.path("fragments").forEach(f -> {
                if (!f.path("stored").asBoolean()) {
                    missing.add(f.path("fragment_no").asLong());
                }
            });
            throw new CliException("fragments " + missing + " of data " + dataId + " do not have enough verified "
                    + "replicas yet; run `market data end --id " + dataId + "` again later");
        }
        Market.note(spec, "every fragment of data " + dataId + " is stored on its cluster");
    }

    private static ObjectNode declaration(List<LocalRegistration.Secret> secrets) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("fragments");
        for (LocalRegistration.Secret s : secrets) {
            list.addObject().put("fragment_no", s.fragmentNo()).put("cid", s.cid()).put("size_encrypted",
                    s.sizeEncrypted());
        }
        return body;
    }

    /** Sends one fragment to the first keeper of its cluster that takes it. */
    private void upload(long dataId, LocalRegistration.Secret secret, JsonNode fragment, Wallet wallet) {
        long cluster = fragment.path("idfs_cluster_id").asLong();
        JsonNode keepers = market.keeper().get("/v1/clusters/" + cluster).path("keepers");
        List<String> failures = new ArrayList<>();
        for (JsonNode node : keepers) {
            String url = GatewayClient.nodeUrl(node.path("ipaddr").asString(), node.path("port").asInt());
            Progress progress = new Progress(spec.commandLine().getErr(), "uploading fragment "
                    + secret.fragmentNo() + " to " + url, secret.sizeEncrypted());
            try {
                new ServiceClient("--keeper-url", "keeper node " + url, url).postFile("/v1/fragments/" + secret.cid()
                        + "?data_id=" + dataId + "&fragment_no=" + secret.fragmentNo(),
                        market.localRegistration().fragmentFile(dataId, secret.fragmentNo()), secret.hashEncrypted(),
                        wallet, progress);
                progress.finish();
                return;
            } catch (CliException e) {
                failures.add(url + ": " + e.getMessage());
                Market.note(spec, "keeper node " + url + " did not take fragment " + secret.fragmentNo() + ": "
                        + e.getMessage());
            }
        }
        throw new CliException("no keeper of cluster " + cluster + " took fragment " + secret.fragmentNo()
                + (failures.isEmpty() ? " (the cluster has no keepers)" : ": " + failures));
    }

    private static boolean allStored(JsonNode storage) {
        if (storage == null || !storage.path("fragments").isArray()) {
            return false;
        }
        for (JsonNode fragment : storage.path("fragments")) {
            if (!fragment.path("stored").asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
