package market.keeper;

import market.keeper.directory.domain.DirectoryCommand;
import market.keeper.directory.domain.DirectoryDecider;
import market.keeper.directory.domain.DirectoryEvent;
import market.keeper.directory.domain.DirectoryState;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageDecider;
import market.keeper.storage.domain.StorageEvent;
import market.keeper.storage.domain.StorageState;
import market.platform.runtime.AggregateType;

/**
 * keeper-service's aggregates: the directory of clusters and keepers, one aggregate under the
 * key {@link #DIRECTORY}, since membership, key hashes and the choice of a cluster span clusters;
 * and the storage record of each dataset, keyed by {@code data_id}.
 */
public final class KeeperAggregates {

    public static final String DIRECTORY = "directory";

    public static final AggregateType<DirectoryCommand, DirectoryEvent, DirectoryState> DIRECTORY_TYPE =
            new AggregateType<>("directory", DirectoryCommand.class, DirectoryEvent.class, new DirectoryDecider());

    /**
     * The storage records, whose fragments count as stored at {@code minReplicas} replicas, and
     * whose replicas are faulty after {@code failuresBeforeFaulty} failed audit days in a row.
     */
    public static AggregateType<StorageCommand, StorageEvent, StorageState> storage(int minReplicas,
            int failuresBeforeFaulty) {
        return new AggregateType<>("storage", StorageCommand.class, StorageEvent.class,
                new StorageDecider(minReplicas, failuresBeforeFaulty));
    }

    private KeeperAggregates() {}
}
