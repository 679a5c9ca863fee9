package market.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import market.platform.crypto.Hashes;
import market.platform.signing.Wallet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market cluster}, {@code market keeper} and {@code market reward}: addcluster, addidfs and
 * claimkreward against keeper-service, signed by the wallet, which is the keeper's account; and
 * reads of clusters, keepers, audits, rewards and claims. A
 * cluster's secret never leaves the machine: {@code cluster add} sends only its SHA-256.
 */
final class KeeperCommands {

    private KeeperCommands() {}

    @Command(name = "cluster", description = "Add, list and show keeper clusters.")
    static final class Clusters extends CommandGroup {

        @ParentCommand
        Market market;

        static final class KeyHash {
            @Option(names = "--key-hash", paramLabel = "HEX", description = "SHA-256 of the cluster secret key, in hex.")
            String hash;

            @Option(names = "--secret-file", paramLabel = "FILE",
                    description = "The cluster secret key file; only its SHA-256 is sent.")
            Path secretFile;
        }

        @Command(name = "add", description = "Register a cluster (addcluster, signed); prints its cluster_id.")
        int add(@ArgGroup(exclusive = true, multiplicity = "1") KeyHash key) {
            return market.run(spec, out -> {
                ObjectNode body = Json.object();
                body.put("cluster_key_hash", key.hash != null ? key.hash : hashOf(key.secretFile));
                Market.print(out, market.keeper().post("/v1/clusters", body, market.wallet()));
            });
        }

        @Command(name = "list", description = "List the clusters with their usage, capacity and keepers.")
        int list() {
            return market.run(spec, out -> Market.print(out, market.keeper().get("/v1/clusters")));
        }

        @Command(name = "show", description = "Show one cluster.")
        int show(@Parameters(paramLabel = "CLUSTER_ID", description = "The cluster's id.") long clusterId) {
            return market.run(spec, out -> Market.print(out, market.keeper().get("/v1/clusters/" + clusterId)));
        }

        private static String hashOf(Path secret) {
            try {
                return Hashes.sha256Hex(Files.readAllBytes(secret));
            } catch (IOException e) {
                throw new CliException("cannot read " + secret + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "audit", description = "Show the audit outcomes of a keeper or of a dataset.")
    static final class Audits extends CommandGroup {

        @ParentCommand
        Market market;

        static final class Subject {
            @Option(names = "--keeper", paramLabel = "ACCOUNT", description = "A keeper's account.")
            String keeper;

            @Option(names = "--data", paramLabel = "N", description = "A dataset's data_id.")
            Long dataId;
        }

        @Command(name = "show", description = {"List audits, oldest first: passed, failed (with the chunk and the "
            + "reason) and faulty replicas.", "The wallet's own keeper unless --keeper or --data is given."})
        int show(@ArgGroup(exclusive = true) Subject subject,
                @Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS", converter = Polling.Seconds.class,
                        description = "Wait up to this long for a first outcome (default: ${DEFAULT-VALUE}).")
                java.time.Duration wait) {
            return market.run(spec, out -> {
                String path = subject != null && subject.dataId != null ? "/v1/data/" + subject.dataId + "/audits"
                        : "/v1/keepers/" + ServiceClient.encode(subject != null && subject.keeper != null
                                ? subject.keeper : market.wallet().address()) + "/audits";
                ServiceClient keeper = market.keeper();
                Market.print(out, new Polling(wait, java.time.Duration.ofMillis(500)).until(keeper.get(path),
                        () -> keeper.get(path), answer -> answer != null && !answer.path("items").isEmpty()));
            });
        }
    }

    @Command(name = "reward", description = "Show a keeper's rewards and claims, and claim what audited days earned.")
    static final class Rewards extends CommandGroup {

        @ParentCommand
        Market market;

        @Command(name = "show", description = {"List rewards: reward_total, what was paid (reward_claimed), the "
            + "audited days earned and what a claim would pay now.",
            "The wallet's own keeper unless --keeper or --data is given."})
        int show(@ArgGroup(exclusive = true) Audits.Subject subject) {
            return market.run(spec, out -> Market.print(out, market.keeper().get(
                    subject != null && subject.dataId != null ? "/v1/data/" + subject.dataId + "/rewards"
                            : "/v1/keepers/" + ServiceClient.encode(keeperOf(subject)) + "/rewards")));
        }

        @Command(name = "claims", description = "List a keeper's claims, oldest first: the wallet's unless one is named.")
        int claims(@Parameters(arity = "0..1", paramLabel = "ACCOUNT", description = "The keeper's address.")
                String account) {
            return market.run(spec, out -> Market.print(out, market.keeper().get("/v1/keepers/"
                    + ServiceClient.encode(account != null ? account : market.wallet().address()) + "/claims")));
        }

        @Command(name = "claim", description = {"Claim what the wallet's keeper earned on a dataset "
            + "(claimkreward, signed): audited days, at most --storage-period, × the daily keeper fee, minus what "
            + "was claimed before.", "Waits, up to --wait, for a claimable audited day and for settlement to pay "
            + "the claim from osb.trader, and prints the claim."})
        int claim(@Parameters(paramLabel = "DATA_ID", description = "The dataset's data_id.") long dataId,
                @Option(names = "--storage-period", paramLabel = "DAYS",
                        description = "The most storage days to count (default: the dataset's period).")
                Long storagePeriod,
                @Option(names = "--wait", defaultValue = "60", paramLabel = "SECONDS",
                        converter = Polling.Seconds.class,
                        description = "Wait up to this long for something to claim, then as long for the "
                                + "payment (default: ${DEFAULT-VALUE}).")
                java.time.Duration wait) {
            return market.run(spec, out -> {
                Wallet wallet = market.wallet();
                ObjectNode body = Json.object();
                body.put("data_id", dataId);
                body.put("storagePeriod", storagePeriod != null ? storagePeriod
                        : market.registry().get("/v1/data/" + dataId).path("period").asLong());
                ServiceClient keeper = market.keeper();
                // nothing earned yet: ask again until an audited storage day is claimable, or time is up
                JsonNode claim = new Polling(wait, java.time.Duration.ofSeconds(1), () -> Market.note(spec,
                        "nothing to claim yet; waiting for an audited storage day…"))
                        .whileRefused("KEEPER.NOTHING_TO_CLAIM", () -> keeper.post("/v1/claims", body, wallet));
                long claimId = claim.path("claim_id").asLong();
                String path = "/v1/keepers/" + ServiceClient.encode(wallet.address()) + "/claims";
                JsonNode settled = new Polling(wait, java.time.Duration.ofMillis(300),
                        () -> Market.note(spec, "claim " + claimId + " of " + claim.path("quantity").asString()
                                + " accepted; waiting for settlement to pay it…"))
                        .until(claim, () -> find(keeper.get(path), claimId), c -> !"pending".equals(
                                c.path("status").asString()));
                Market.print(out, settled);
                if ("rejected".equals(settled.path("status").asString())) {
                    throw new CliException("settlement refused claim " + claimId + ": "
                            + settled.path("reason").asString());
                }
                if ("pending".equals(settled.path("status").asString())) {
                    throw new CliException("claim " + claimId + " is still being paid; see market reward claims");
                }
            });
        }

        private String keeperOf(Audits.Subject subject) {
            return subject != null && subject.keeper != null ? subject.keeper : market.wallet().address();
        }

        private static JsonNode find(JsonNode claims, long claimId) {
            for (JsonNode c : claims.path("items")) {
                if (c.path("claim_id").asLong() == claimId) {
                    return c;
                }
            }
            throw new CliException("claim " + claimId + " is not listed by keeper-service");
        }
    }

    @Command(name = "keeper", description = "Register and show keepers (IDFS nodes).")
    static final class Keepers extends CommandGroup {

        @ParentCommand
        Market market;

        @Command(name = "add", description = {"Register the wallet's account as a keeper (addidfs, signed).",
            "The keeper's public key is the wallet's; ipaddr and port are where its node serves."})
        int add(@Option(names = "--capacity", required = true, paramLabel = "BYTES",
                        description = "Bytes the node can store.") long capacity,
                @Option(names = "--cluster", defaultValue = "0", paramLabel = "ID",
                        description = "The cluster to join; 0 (the default) lets keeper-service choose.") long cluster,
                @Option(names = "--ipaddr", required = true, paramLabel = "IP",
                        description = "The node's IP address.") String ipaddr,
                @Option(names = "--port", required = true, paramLabel = "PORT", description = "The node's port.")
                long port) {
            return market.run(spec, out -> {
                Wallet wallet = market.wallet();
                ObjectNode body = Json.object();
                body.put("capacity", capacity);
                body.put("cluster_id", cluster);
                body.put("idfs_public_key", Hashes.toHex0x(wallet.publicKey()));
                body.put("ipaddr", ipaddr);
                body.put("port", port);
                Market.print(out, market.keeper().post("/v1/keepers", body, wallet));
            });
        }

        @Command(name = "show", description = "Show a keeper: the wallet's account unless one is named.")
        int show(@Parameters(arity = "0..1", paramLabel = "ACCOUNT", description = "The keeper's address.")
                String account) {
            return market.run(spec, out -> Market.print(out, market.keeper().get("/v1/keepers/"
                    + ServiceClient.encode(account != null ? account : market.wallet().address()))));
        }
    }
}
