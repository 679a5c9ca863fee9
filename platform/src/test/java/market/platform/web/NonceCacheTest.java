package market.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NonceCacheTest {

    private Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final NonceCache cache = new NonceCache(clock, Duration.ofMinutes(10));

    @Test
    void aNonceIsClaimedOncePerSignerWhileItIsKept() {
        assertThat(cache.claim("0xa", "nonce-1")).isTrue();
        assertThat(cache.claim("0xa", "nonce-1")).isFalse();
        assertThat(cache.claim("0xb", "nonce-1")).isTrue();
        now = now.plus(Duration.ofMinutes(9));
        assertThat(cache.claim("0xa", "nonce-1")).isFalse();
    }

    @Test
    void expiredNoncesAreDroppedAndMayBeClaimedAgain() {
        for (int i = 0; i < 50_000; i++) {
            assertThat(cache.claim("0xa", "nonce-" + i)).isTrue();
        }
        now = now.plus(Duration.ofMinutes(11));
        assertThat(cache.claim("0xa", "nonce-late")).isTrue();
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.claim("0xa", "nonce-7")).isTrue();
        assertThat(cache.claim("0xa", "nonce-7")).isFalse();
    }

    @Test
    void aReclaimedNonceKeepsItsNewExpiry() {
        assertThat(cache.claim("0xa", "nonce-1")).isTrue();
        now = now.plus(Duration.ofMinutes(11));
        assertThat(cache.claim("0xa", "nonce-1")).isTrue();
        now = now.plus(Duration.ofMinutes(5));
        // the first claim's entry has expired and is dropped; the second still holds the nonce
        assertThat(cache.claim("0xa", "nonce-2")).isTrue();
        assertThat(cache.claim("0xa", "nonce-1")).isFalse();
    }
}
