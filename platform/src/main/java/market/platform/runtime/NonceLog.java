package market.platform.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The nonces claimed on one partition of {@code S.nonces}, each until its request is a signature
 * window old (after that the processor refuses the request as stale anyway). Kept by the command
 * processor's thread for the partitions assigned to it; expired claims are dropped from the head
 * of a queue ordered by expiry, O(log n) a claim.
 */
final class NonceLog {

    private final Map<String, Long> expiries = new HashMap<>();
    private final PriorityQueue<Map.Entry<String, Long>> byExpiry = new PriorityQueue<>(Map.Entry.comparingByValue());

    /** Whether {@code claim} is held at {@code nowSeconds}. */
    boolean holds(String claim, long nowSeconds) {
        dropExpired(nowSeconds);
        return expiries.containsKey(claim);
    }

    /** Holds {@code claim} until {@code expirySeconds}, or longer if it was held longer already. */
    void claim(String claim, long expirySeconds) {
        Long previous = expiries.get(claim);
        if (previous == null || previous < expirySeconds) {
            expiries.put(claim, expirySeconds);
            byExpiry.add(Map.entry(claim, expirySeconds));
        }
    }

    int size() {
        return expiries.size();
    }

    private void dropExpired(long nowSeconds) {
        while (!byExpiry.isEmpty() && byExpiry.peek().getValue() < nowSeconds) {
            Map.Entry<String, Long> expired = byExpiry.poll();
            expiries.remove(expired.getKey(), expired.getValue());
        }
    }
}
