package market.keeper.directory.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import market.keeper.directory.domain.DirectoryState;

/** A keeper (an IDFS node) as the API shows it, with the contract's field names. */
public record KeeperView(
        @JsonProperty("idfs_account") String idfsAccount,
        @JsonProperty("cluster_id") long clusterId,
        @JsonProperty("capacity") long capacity,
        @JsonProperty("idfs_public_key") String idfsPublicKey,
        @JsonProperty("ipaddr") String ipaddr,
        @JsonProperty("port") int port,
        @JsonProperty("since") long since) {

    public static KeeperView of(DirectoryState.Keeper keeper) {
        return new KeeperView(keeper.idfsAccount(), keeper.clusterId(), keeper.capacity(), keeper.idfsPublicKey(),
                keeper.ipaddr(), keeper.port(), keeper.since().getEpochSecond());
    }
}
