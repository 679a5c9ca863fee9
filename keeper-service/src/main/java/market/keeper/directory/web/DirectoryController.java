package market.keeper.directory.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.keeper.KeeperAggregates;
import market.keeper.command.AddCluster;
import market.keeper.command.AddKeeper;
import market.keeper.directory.view.ClusterView;
import market.keeper.directory.view.DirectoryQueries;
import market.keeper.directory.view.KeeperView;
import market.keeper.directory.view.PlacementView;
import market.platform.crypto.Addresses;
import market.platform.crypto.Secp256k1;
import market.platform.ids.Ids;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * addcluster and addidfs, signed by the keeper's account, each one command on
 * {@code keeper.commands} under the directory's key; and reads of clusters, keepers and the
 * placements of a dataset.
 */
@RestController
class DirectoryController {

    private static final Set<String> CLUSTER_FIELDS = Set.of("idfs_account", "cluster_key_hash");
    private static final Set<String> KEEPER_FIELDS =
            Set.of("idfs_account", "capacity", "cluster_id", "idfs_public_key", "ipaddr", "port");

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final DirectoryQueries queries;
    private final Clock clock;

    DirectoryController(SignatureVerifier verifier, CommandGateway gateway, DirectoryQueries queries, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping("/v1/clusters")
    Mono<ResponseEntity<ClusterView>> addCluster(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, CLUSTER_FIELDS);
        requireSignerIsAccount(json, signed.signer());
        long clusterId = Ids.derive("cluster", signed.signer(), signed.nonce());
        AddCluster command = new AddCluster(signed.signer(), signed.nonce(), clock.instant(), clusterId,
                json.string("cluster_key_hash"));
        return gateway.send(KeeperAggregates.DIRECTORY, command, signed)
                .map(reply -> ResponseEntity.status(201).body(cluster(clusterId)));
    }

    @PostMapping("/v1/keepers")
    Mono<ResponseEntity<KeeperView>> addKeeper(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, KEEPER_FIELDS);
        requireSignerIsAccount(json, signed.signer());
        String publicKey = json.string("idfs_public_key");
        if (!signed.signer().equals(Secp256k1.addressOfPublicKeyHex(publicKey))) {
            throw ApiException.badRequest("KEEPER.PUBLIC_KEY_MISMATCH",
                    "idfs_public_key must be the secp256k1 public key of idfs_account: 0x and 128 hex digits");
        }
        // out-of-range ports are clamped to values the decider refuses with its own error
        int port = (int) Math.max(-1, Math.min(json.integer("port"), 65536));
        AddKeeper command = new AddKeeper(signed.signer(), signed.nonce(), clock.instant(), json.integer("capacity"),
                json.has("cluster_id") ? json.integer("cluster_id") : 0, publicKey.toLowerCase(java.util.Locale.ROOT),
                json.string("ipaddr"), port);
        return gateway.send(KeeperAggregates.DIRECTORY, command, signed)
                .map(reply -> ResponseEntity.status(201).body(keeperOf(signed.signer())));
    }

    @GetMapping("/v1/clusters")
    Map<String, List<ClusterView>> clusters() {
        return Map.of("items", queries.clusters());
    }

    @GetMapping("/v1/clusters/{clusterId}")
    ClusterView showCluster(@PathVariable String clusterId) {
        return cluster(Params.positiveLong("cluster_id", clusterId));
    }

    @GetMapping("/v1/keepers/{account}")
    KeeperView showKeeper(@PathVariable String account) {
        return keeperOf(Params.address("idfs_account", account));
    }

    @GetMapping("/v1/data/{dataId}/placements")
    PlacementView placements(@PathVariable String dataId) {
        long id = Params.positiveLong("data_id", dataId);
        return queries.placements(id).orElseThrow(() ->
                ApiException.notFound("KEEPER.PLACEMENT_NOT_FOUND", "The data has no fragments placed"));
    }

    private ClusterView cluster(long clusterId) {
        return queries.cluster(clusterId).orElseThrow(() ->
                ApiException.notFound("KEEPER.CLUSTER_NOT_FOUND", "The cluster does not exist"));
    }

    private KeeperView keeperOf(String account) {
        return queries.keeper(account).orElseThrow(() ->
                ApiException.notFound("KEEPER.KEEPER_NOT_FOUND", "The keeper is not registered"));
    }

    private static void requireSignerIsAccount(JsonInput json, String signer) {
        if (json.has("idfs_account") && !(Addresses.isAddress(json.string("idfs_account"))
                && Addresses.normalize(json.string("idfs_account")).equals(signer))) {
            throw new ApiException(403, "KEEPER.ACCOUNT_NOT_SIGNER", "idfs_account must be the account that signs");
        }
    }
}
