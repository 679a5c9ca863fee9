package market.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void showsFourDecimals() {
        assertThat(Money.ofUnits(20_000).format()).isEqualTo("2.0000 OSB");
        assertThat(Money.ofUnits(10).format()).isEqualTo("0.0010 OSB");
        assertThat(Money.ofUnits(-15).format()).isEqualTo("-0.0015 OSB");
    }

    @Test
    void parsesAssetStrings() {
        assertThat(Money.parse("2.0000 OSB").units()).isEqualTo(20_000);
        assertThat(Money.parse("2.000 OSB").units()).isEqualTo(20_000);
        assertThat(Money.parse("2.5 OSB").units()).isEqualTo(25_000);
        assertThat(Money.parse("7 OSB").units()).isEqualTo(70_000);
        assertThat(Money.parse("-1.0000 OSB").units()).isEqualTo(-10_000);
    }

    @Test
    void refusesOtherText() {
        for (String bad : new String[] {"2.00001 OSB", "2 EOS", "2.0000", "abc OSB", "", " OSB"}) {
            assertThatThrownBy(() -> Money.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void arithmeticNeverOverflowsSilently() {
        Money max = Money.ofUnits(Long.MAX_VALUE);
        assertThatThrownBy(() -> max.plus(Money.ofUnits(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofUnits(Long.MIN_VALUE).minus(Money.ofUnits(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThat(Money.ofUnits(5).plus(Money.ofUnits(7)).minus(Money.ofUnits(2)).times(3).units()).isEqualTo(30);
    }
}
