package market.registry.dataset.domain;

/** The contract's status codes: 0 on sale, 1 registering, 2 removed, 3 storage ended. */
public enum DatasetStatus {
    ON_SALE(0, "on sale"),
    REGISTERING(1, "registering"),
    REMOVED(2, "removed"),
    STORAGE_ENDED(3, "storage ended");

    private final int code;
    private final String label;

    DatasetStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static DatasetStatus ofCode(long code) {
        for (DatasetStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be 0, 1, 2 or 3");
    }
}
