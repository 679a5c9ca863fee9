package market.platform.money;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of OSB as a {@code long} count of base units: 1 OSB = 10,000 units (the contract's
 * 0.0001 precision). Shown as asset strings like {@code "2.0000 OSB"}. Arithmetic throws
 * {@link ArithmeticException} rather than overflow.
 */
public record Money(long units) implements Comparable<Money> {

    public static final long UNITS_PER_OSB = 10_000L;
    public static final String SYMBOL = "OSB";
    public static final Money ZERO = new Money(0);

    private static final Pattern ASSET = Pattern.compile("(-?)(\\d{1,15})(?:\\.(\\d{1,4}))? " + SYMBOL);

    public static Money ofUnits(long units) {
        return new Money(units);
    }

    /**
     * Parses {@code "2.0000 OSB"}, {@code "2.5 OSB"} or {@code "2 OSB"}, at most four decimals.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Money parse(String asset) {
        Matcher m = asset == null ? null : ASSET.matcher(asset.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("an amount looks like \"2.0000 OSB\" (at most 4 decimals)");
        }
        String fraction = m.group(3) == null ? "" : m.group(3);
        long units = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(2)), UNITS_PER_OSB),
                Long.parseLong((fraction + "0000").substring(0, 4)));
        return new Money(m.group(1).isEmpty() ? units : -units);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(units, other.units));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(units, other.units));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(units, factor));
    }

    public boolean isNegative() {
        return units < 0;
    }

    /** {@code "2.0000 OSB"}. */
    public String format() {
        long abs = Math.abs(units);
        String sign = units < 0 ? "-" : "";
        if (units == Long.MIN_VALUE) {
            return "-922337203685477.5808 " + SYMBOL;
        }
        return sign + abs / UNITS_PER_OSB + "." + String.format("%04d", abs % UNITS_PER_OSB) + " " + SYMBOL;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(units, other.units);
    }

    @Override
    public String toString() {
        return format();
    }
}
