package market.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Nonces seen per signer, kept as long as a request carrying them could still pass the
 * timestamp check; a second request with the same signer and nonce is refused. Claims are also
 * queued in the order they were made, which is the order they expire in, so each claim first
 * drops the expired ones at the head: O(1) amortized, however many nonces are live.
 */
public final class NonceCache {

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Queue<Map.Entry<String, Long>> byExpiry = new ConcurrentLinkedQueue<>();

    public NonceCache(Clock clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    /** True the first time a signer uses a nonce. */
    public boolean claim(String signer, String nonce) {
        long now = clock.millis();
        dropExpired(now);
        String key = signer + '/' + nonce;
        long expiry = now + keep.toMillis();
        Long previous = expiries.putIfAbsent(key, expiry);
        boolean claimed = previous == null || previous < now && expiries.replace(key, previous, expiry);
        if (claimed) {
            byExpiry.add(Map.entry(key, expiry));
        }
        return claimed;
    }

    /** How many nonces are held. */
    int size() {
        return expiries.size();
    }

    private void dropExpired(long now) {
        for (Map.Entry<String, Long> head = byExpiry.peek(); head != null && head.getValue() < now;
                head = byExpiry.peek()) {
            Map.Entry<String, Long> taken = byExpiry.poll();
            if (taken == null) {
                return;
            }
            if (taken.getValue() < now) {
                // only this claim's expiry: a later claim of the same nonce keeps its own
                expiries.remove(taken.getKey(), taken.getValue());
            } else {
                // another thread dropped the expired head first; this one is not due yet
                byExpiry.add(taken);
                return;
            }
        }
    }
}
