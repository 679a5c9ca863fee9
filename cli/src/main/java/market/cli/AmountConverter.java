package market.cli;

import market.platform.money.Money;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an OSB amount option such as {@code --price} or {@code --amount} with {@link Money#parse}.
 * A malformed or negative amount is a usage error (exit 2), reported before any request.
 */
final class AmountConverter implements ITypeConverter<Money> {

    @Override
    public Money convert(String value) {
        try {
            Money money = Money.parse(value);
            if (money.isNegative()) {
                throw new TypeConversionException("an amount cannot be negative");
            }
            return money;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        } catch (ArithmeticException e) {
            throw new TypeConversionException("the amount is too large");
        }
    }
}
