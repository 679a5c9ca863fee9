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
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market cluster} and {@code market keeper}: addcluster and addidfs against keeper-service,
 * signed by the wallet, which is the keeper's account; and reads of clusters and keepers. A
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
