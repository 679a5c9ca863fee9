package market.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A claim holds until its expiry second, a later claim of the same nonce keeps the later expiry, and expired ones go. */
class NonceLogTest {

    @Test
    void aClaimHoldsThroughItsExpirySecondAndIsDroppedAfter() {
        NonceLog log = new NonceLog();
        log.claim("0xabc/n-1", 1_300);
        assertThat(log.holds("0xabc/n-1", 1_000)).isTrue();
        assertThat(log.holds("0xabc/n-2", 1_000)).isFalse();
        assertThat(log.holds("0xabc/n-1", 1_300)).isTrue();
        assertThat(log.holds("0xabc/n-1", 1_301)).isFalse();
        assertThat(log.size()).isZero();
    }

    @Test
    void theLaterOfTwoExpiriesOfOneClaimCounts() {
        NonceLog log = new NonceLog();
        log.claim("0xabc/n-1", 1_300);
        log.claim("0xabc/n-1", 1_600);
        log.claim("0xabc/n-1", 1_100);
        assertThat(log.holds("0xabc/n-1", 1_400)).isTrue();
        assertThat(log.holds("0xabc/n-1", 1_601)).isFalse();
    }

    @Test
    void onlyExpiredClaimsAreDroppedWhateverTheirOrder() {
        NonceLog log = new NonceLog();
        for (int i = 0; i < 1_000; i++) {
            log.claim("0xabc/n-" + i, 2_000 + (i * 7919L) % 1_000);
        }
        assertThat(log.holds("0xabc/n-0", 2_500)).isFalse();
        assertThat(log.size()).isEqualTo((int) java.util.stream.IntStream.range(0, 1_000)
                .filter(i -> 2_000 + (i * 7919L) % 1_000 >= 2_500).count());
    }
}
