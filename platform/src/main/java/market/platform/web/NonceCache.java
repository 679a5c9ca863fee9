package market.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nonces seen per signer, kept as long as a request carrying them could still pass the
 * timestamp check; a second request with the same signer and nonce is refused.
 */
public final class NonceCache {

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    public NonceCache(Clock clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    /** True the first time a signer uses a nonce. */
    public boolean claim(String signer, String nonce) {
        long now = clock.millis();
        if (expiries.size() > 10_000) {
            expiries.values().removeIf(expiry -> expiry < now);
        }
        Long previous = expiries.putIfAbsent(signer + '/' + nonce, now + keep.toMillis());
        if (previous == null) {
            return true;
        }
        if (previous < now) {
            return expiries.replace(signer + '/' + nonce, previous, now + keep.toMillis());
        }
        return false;
    }
}
