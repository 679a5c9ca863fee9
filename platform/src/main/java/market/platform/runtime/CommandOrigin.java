package market.platform.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The signed request a command came from: signer, nonce and signed timestamp (epoch seconds),
 * carried as headers of the command record on {@code S.commands}. The command processor refuses
 * the command when the request was already claimed on {@code S.nonces} or is older than the
 * signature window; commands of reactions carry no origin.
 */
public record CommandOrigin(String signer, String nonce, long signedAt) {

    static final String SIGNER = "market-signer";
    static final String NONCE = "market-nonce";
    static final String SIGNED_AT = "market-signed-at";

    /** Adds this origin to a command record's headers. */
    public void writeTo(Headers headers) {
        headers.add(SIGNER, signer.getBytes(StandardCharsets.UTF_8));
        headers.add(NONCE, nonce.getBytes(StandardCharsets.UTF_8));
        headers.add(SIGNED_AT, Long.toString(signedAt).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The origin a command record carries; empty when it has none. A record with some of the
     * headers but not all, or a timestamp that is not a number, is malformed.
     */
    public static Optional<CommandOrigin> readFrom(Headers headers) {
        Header signer = headers.lastHeader(SIGNER);
        Header nonce = headers.lastHeader(NONCE);
        Header signedAt = headers.lastHeader(SIGNED_AT);
        if (signer == null && nonce == null && signedAt == null) {
            return Optional.empty();
        }
        if (signer == null || nonce == null || signedAt == null) {
            throw new IllegalArgumentException("a command's origin needs the headers " + SIGNER + ", " + NONCE
                    + " and " + SIGNED_AT);
        }
        return Optional.of(new CommandOrigin(text(signer), text(nonce), Long.parseLong(text(signedAt))));
    }

    /** What the signer's claim of this nonce is known by. */
    String claim() {
        return signer + '/' + nonce;
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
