package market.registry.dataset.domain;

/**
 * The contract's status codes: 0 on sale, 1 registering, 2 removed, 3 storage ended; and 4 when
 * settlement could not charge the storage fee, so the registration failed.
 */
public enum DatasetStatus {
    ON_SALE(0, "on sale"),
    REGISTERING(1, "registering"),
    REMOVED(2, "removed"),
    STORAGE_ENDED(3, "storage ended"),
    REGISTRATION_FAILED(4, "registration failed");

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
        throw new IllegalArgumentException("status must be 0, 1, 2, 3 or 4");
    }
}
