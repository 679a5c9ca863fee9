package market.registry.datashare.watermark;

/** A file that cannot be marked or read, with the reason; the service answers it as a 400. */
public final class WatermarkException extends IllegalArgumentException {

    public WatermarkException(String message) {
        super(message);
    }
}
