package market.keeper;

import market.keeper.directory.domain.DirectoryCommand;
import market.keeper.directory.domain.DirectoryDecider;
import market.keeper.directory.domain.DirectoryEvent;
import market.keeper.directory.domain.DirectoryState;
import market.platform.runtime.AggregateType;

/**
 * keeper-service's aggregates: the directory of clusters and keepers, one aggregate under the
 * key {@link #DIRECTORY}, since membership, key hashes and the choice of a cluster span clusters.
 */
public final class KeeperAggregates {

    public static final String DIRECTORY = "directory";

    public static final AggregateType<DirectoryCommand, DirectoryEvent, DirectoryState> DIRECTORY_TYPE =
            new AggregateType<>("directory", DirectoryCommand.class, DirectoryEvent.class, new DirectoryDecider());

    private KeeperAggregates() {}
}
