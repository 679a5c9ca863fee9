package market.cli;

import java.security.SecureRandom;
import java.util.Locale;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.Hashes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Hex values on the command line of orders and deals: addresses ({@code --requester},
 * {@code --provider}) and bytes32 values ({@code --tag}, {@code --salt}, an orderHash), read in
 * lower case; a malformed one is a usage error (exit 2) before any request. Also the zero tag and
 * fresh random salts.
 */
final class HexOptions {

    static final String ZERO_BYTES32 = "0x" + "0".repeat(64);

    private static final SecureRandom RANDOM = new SecureRandom();

    private HexOptions() {}

    /** 32 random bytes from {@link SecureRandom}, as bytes32 hex. */
    static String randomBytes32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Hashes.toHex0x(bytes);
    }

    /** Reads an account address: {@code 0x} and 40 hex digits. */
    static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Addresses.isAddress(value)) {
                throw new TypeConversionException("an address is 0x and 40 hex digits");
            }
            return Addresses.normalize(value);
        }
    }

    /** Reads a bytes32 value: {@code 0x} and 64 hex digits. */
    static final class Bytes32 implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!DatasetOrderSigning.isBytes32(value)) {
                throw new TypeConversionException("a bytes32 value is 0x and 64 hex digits");
            }
            return value.toLowerCase(Locale.ROOT);
        }
    }
}
