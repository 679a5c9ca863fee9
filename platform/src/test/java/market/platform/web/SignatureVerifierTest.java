package market.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class SignatureVerifierTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final SignatureVerifier verifier = new SignatureVerifier(clock, Duration.ofMinutes(5));
    private final Wallet wallet = Wallet.create();
    private final byte[] body = "{\"a\":1}".getBytes();

    private MockServerHttpRequest signed(RequestSignature.SignedHeaders headers, String path) {
        return MockServerHttpRequest.post(path)
                .header(RequestSignature.ADDRESS_HEADER, headers.address())
                .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(headers.timestamp()))
                .header(RequestSignature.NONCE_HEADER, headers.nonce())
                .header(RequestSignature.SIGNATURE_HEADER, headers.signature())
                .build();
    }

    @Test
    void acceptsAFreshSignatureAndAnswersTheSigner() {
        var headers = wallet.signRequest("POST", "/v1/data?x=1", body, clock);
        assertThat(verifier.verify(signed(headers, "/v1/data?x=1"), body))
                .isEqualTo(new SignatureVerifier.SignedRequest(wallet.address(), headers.nonce(), headers.timestamp()));
    }

    @Test
    void rejectsAReplayedNonce() {
        var headers = wallet.signRequest("POST", "/v1/data", body, clock);
        verifier.verify(signed(headers, "/v1/data"), body);
        assertThatThrownBy(() -> verifier.verify(signed(headers, "/v1/data"), body))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("errorCode", "AUTH.NONCE_REUSED");
    }

    @Test
    void rejectsAStaleTimestamp() {
        long sixMinutesAgo = clock.instant().getEpochSecond() - 360;
        var headers = wallet.signRequest("POST", "/v1/data", body, sixMinutesAgo, "nonce-0001");
        assertThatThrownBy(() -> verifier.verify(signed(headers, "/v1/data"), body))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("errorCode", "AUTH.STALE_TIMESTAMP");
    }

    @Test
    void rejectsAnotherBodyPathOrSigner() {
        var headers = wallet.signRequest("POST", "/v1/data", body, clock);
        assertThatThrownBy(() -> verifier.verify(signed(headers, "/v1/data"), "{\"a\":2}".getBytes()))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("errorCode", "AUTH.BAD_SIGNATURE");
        var other = wallet.signRequest("POST", "/v1/data", body, clock);
        assertThatThrownBy(() -> verifier.verify(signed(other, "/v1/datatypes"), body))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("errorCode", "AUTH.BAD_SIGNATURE");
        var forged = new RequestSignature.SignedHeaders(Wallet.create().address(), other.timestamp(), "nonce-0002",
                wallet.signRequest("POST", "/v1/data", body, other.timestamp(), "nonce-0002").signature());
        assertThatThrownBy(() -> verifier.verify(signed(forged, "/v1/data"), body))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("errorCode", "AUTH.BAD_SIGNATURE");
    }

    @Test
    void rejectsAnUnsignedRequest() {
        assertThatThrownBy(() -> verifier.verify(MockServerHttpRequest.post("/v1/data").build(), body))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("errorCode", "AUTH.UNSIGNED")
                .extracting(e -> ((ApiException) e).status()).isEqualTo(401);
    }
}
