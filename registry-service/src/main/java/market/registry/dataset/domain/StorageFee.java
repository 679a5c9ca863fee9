package market.registry.dataset.domain;

/**
 * The storage fee of a dataset, the one place its rule lives: 10 units (0.001 OSB) per started
 * MiB (2^20 bytes) of the dataset per day. Each keeper's daily share is the daily fee divided by
 * the number of fragments, divided by the 5 keepers of a cluster (integer units, rounded down).
 *
 * @param dayStorageFee the whole dataset's fee for one day
 * @param daySingleIDFSfee one keeper's fee for one day
 * @param totalStorageFee the fee for the whole period
 */
public record StorageFee(long dayStorageFee, long daySingleIDFSfee, long totalStorageFee) {

    public static final long UNITS_PER_MIB_DAY = 10;
    public static final long MIB = 1L << 20;
    public static final int KEEPERS_PER_CLUSTER = 5;

    /** @throws ArithmeticException when the fee does not fit in a {@code long} */
    public static StorageFee of(long size, long periodDays, int fragments) {
        long startedMib = size / MIB + (size % MIB == 0 ? 0 : 1);
        long perDay = Math.multiplyExact(UNITS_PER_MIB_DAY, startedMib);
        return new StorageFee(perDay, perDay / fragments / KEEPERS_PER_CLUSTER, Math.multiplyExact(perDay, periodDays));
    }
}
