package market.platform.signing;

import market.platform.crypto.Hashes;

/**
 * The canonical form of a signed HTTP request. The signer personal-signs (EIP-191) the 32-byte
 * Keccak-256 digest of:
 * <pre>
 * MARKET-REQUEST-1
 * {METHOD}
 * {path with query}
 * {hex SHA-256 of the body bytes}
 * {timestamp, epoch seconds}
 * {nonce}
 * </pre>
 * lines joined by {@code \n}. The headers below carry the signer, timestamp, nonce and signature.
 */
public final class RequestSignature {

    public static final String ADDRESS_HEADER = "X-Market-Address";
    public static final String TIMESTAMP_HEADER = "X-Market-Timestamp";
    public static final String NONCE_HEADER = "X-Market-Nonce";
    public static final String SIGNATURE_HEADER = "X-Market-Signature";

    static final String VERSION = "MARKET-REQUEST-1";

    private RequestSignature() {}

    /** The 32 bytes that are personal-signed. */
    public static byte[] digest(String method, String pathWithQuery, byte[] body, long timestamp, String nonce) {
        return digestOfHashedBody(method, pathWithQuery, Hashes.sha256Hex(body == null ? new byte[0] : body),
                timestamp, nonce);
    }

    /**
     * The same digest from the body's SHA-256 in hex, for a body too large to hold in memory,
     * such as an encrypted fragment that is streamed to a keeper node.
     */
    public static byte[] digestOfHashedBody(String method, String pathWithQuery, String bodySha256Hex, long timestamp,
            String nonce) {
        String canonical = String.join("\n", VERSION, method.toUpperCase(java.util.Locale.ROOT), pathWithQuery,
                bodySha256Hex, Long.toString(timestamp), nonce);
        return Hashes.keccak256(Hashes.utf8(canonical));
    }

    /** The four headers of one signed request. */
    public record SignedHeaders(String address, long timestamp, String nonce, String signature) {

        /** Puts the four headers on an HTTP request. */
        public java.net.http.HttpRequest.Builder addTo(java.net.http.HttpRequest.Builder request) {
            return request.header(ADDRESS_HEADER, address)
                    .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(NONCE_HEADER, nonce)
                    .header(SIGNATURE_HEADER, signature);
        }
    }
}
