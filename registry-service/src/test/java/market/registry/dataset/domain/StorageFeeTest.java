package market.registry.dataset.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageFeeTest {

    @Test
    void chargesTenUnitsPerStartedMibPerDay() {
        assertThat(StorageFee.of(1, 1, 1)).isEqualTo(new StorageFee(10, 2, 10));
        assertThat(StorageFee.of(1L << 20, 1, 1).dayStorageFee()).isEqualTo(10);
        assertThat(StorageFee.of((1L << 20) + 1, 1, 1).dayStorageFee()).isEqualTo(20);
        assertThat(StorageFee.of(10L << 20, 30, 1).totalStorageFee()).isEqualTo(3_000);
    }

    @Test
    void splitsTheDailyFeeOverFragmentsAndFiveKeepers() {
        // 100 MiB: 1000 units a day; 4 fragments: 250 each; 5 keepers: 50 each
        assertThat(StorageFee.of(100L << 20, 7, 4)).isEqualTo(new StorageFee(1_000, 50, 7_000));
        // rounds down to whole units
        assertThat(StorageFee.of(1L << 20, 1, 3).daySingleIDFSfee()).isZero();
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertThatThrownBy(() -> StorageFee.of(Long.MAX_VALUE, Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
    }
}
