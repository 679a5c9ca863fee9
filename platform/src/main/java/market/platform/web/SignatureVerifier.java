package market.platform.web;

import java.time.Clock;
import java.time.Duration;
import market.platform.crypto.Addresses;
import market.platform.crypto.Hashes;
import market.platform.crypto.PersonalSign;
import market.platform.crypto.Secp256k1;
import market.platform.signing.RequestSignature;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Checks a signed request and answers the address that signed it. The signature must be an
 * EIP-191 personal-sign by {@code X-Market-Address} over {@link RequestSignature#digest}, the
 * timestamp within the window of server time, and the nonce unused by that signer.
 */
public final class SignatureVerifier {

    private final Clock clock;
    private final Duration window;
    private final NonceCache nonces;

    public SignatureVerifier(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
        this.nonces = new NonceCache(clock, window.multipliedBy(2));
    }

    /**
     * Who signed a request, with the nonce and timestamp they signed; ids of new aggregates derive
     * from them.
     */
    public record SignedRequest(String signer, String nonce, long timestamp) {

        /**
         * Names this one signed request: nonce and timestamp. A request sent again exactly as
         * signed has the same name, while a nonce the signer uses again later, with a new
         * timestamp, names a new request.
         */
        public String once() {
            return nonce + "@" + timestamp;
        }
    }

    public SignedRequest verify(ServerHttpRequest request, byte[] body) {
        return verifyHashed(request, Hashes.sha256Hex(body == null ? new byte[0] : body));
    }

    /** Checks a request whose body was hashed as it streamed in: {@code bodySha256Hex} is its SHA-256. */
    public SignedRequest verifyHashed(ServerHttpRequest request, String bodySha256Hex) {
        HttpHeaders headers = request.getHeaders();
        String address = headers.getFirst(RequestSignature.ADDRESS_HEADER);
        String timestamp = headers.getFirst(RequestSignature.TIMESTAMP_HEADER);
        String nonce = headers.getFirst(RequestSignature.NONCE_HEADER);
        String signature = headers.getFirst(RequestSignature.SIGNATURE_HEADER);
        if (address == null || timestamp == null || nonce == null || signature == null) {
            throw ApiException.unauthorized("AUTH.UNSIGNED", "request must be signed: headers "
                    + RequestSignature.ADDRESS_HEADER + ", " + RequestSignature.TIMESTAMP_HEADER + ", "
                    + RequestSignature.NONCE_HEADER + " and " + RequestSignature.SIGNATURE_HEADER + " are required");
        }
        if (!Addresses.isAddress(address)) {
            throw ApiException.unauthorized("AUTH.BAD_ADDRESS", RequestSignature.ADDRESS_HEADER
                    + " must be 0x and 40 hex digits");
        }
        if (!nonce.matches("[A-Za-z0-9_-]{8,64}")) {
            throw ApiException.unauthorized("AUTH.BAD_NONCE", "nonce must be 8 to 64 characters of [A-Za-z0-9_-]");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("AUTH.BAD_TIMESTAMP", "timestamp must be epoch seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > window.toSeconds()) {
            throw ApiException.unauthorized("AUTH.STALE_TIMESTAMP", "request timestamp is more than "
                    + window.toSeconds() + " s from server time");
        }
        String path = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        byte[] digest = RequestSignature.digestOfHashedBody(request.getMethod().name(), path, bodySha256Hex, seconds,
                nonce);
        String signer;
        try {
            signer = PersonalSign.recoverAddress(digest, Secp256k1.Signature.fromHex(signature));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("AUTH.BAD_SIGNATURE", "signature is malformed: " + e.getMessage());
        }
        if (!signer.equals(Addresses.normalize(address))) {
            throw ApiException.unauthorized("AUTH.BAD_SIGNATURE", "signature does not match "
                    + RequestSignature.ADDRESS_HEADER);
        }
        if (!nonces.claim(signer, nonce)) {
            throw ApiException.unauthorized("AUTH.NONCE_REUSED", "nonce was already used by this signer");
        }
        return new SignedRequest(signer, nonce, seconds);
    }
}
