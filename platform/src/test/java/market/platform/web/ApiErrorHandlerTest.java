package market.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import market.platform.domain.RejectedException;
import market.platform.domain.Rejection;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.web.server.ResponseStatusException;

class ApiErrorHandlerTest {

    private static ApiException map(Throwable error) {
        return ApiErrorHandler.toApiException(error);
    }

    @Test
    void rejectionsKeepTheirCodeAndMessage() {
        ApiException api = map(new RejectedException(Rejection.conflict("REGISTRY.DATA_ALREADY_REMOVED",
                "The data has already been removed")));
        assertThat(api.status()).isEqualTo(409);
        assertThat(api.body()).isEqualTo(new ErrorBody("REGISTRY.DATA_ALREADY_REMOVED",
                "The data has already been removed"));
    }

    @Test
    void anUnreachableBrokerOrALostReplyIsUnavailableNotInternal() {
        assertThat(map(new TimeoutException("metadata")).status()).isEqualTo(503);
        assertThat(map(new TimeoutException("metadata")).errorCode()).isEqualTo("SERVICE.UNAVAILABLE");
        assertThat(map(new KafkaReplyTimeoutException("late")).errorCode()).isEqualTo("SERVICE.TIMEOUT");
    }

    @Test
    void frameworkErrorsBecomeTheir4xx() {
        assertThat(map(new ResponseStatusException(HttpStatus.NOT_FOUND)).errorCode()).isEqualTo("HTTP.NOT_FOUND");
        assertThat(map(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED)).status()).isEqualTo(405);
        assertThat(map(new DataBufferLimitException("big")).status()).isEqualTo(413);
    }

    @Test
    void anythingElseIsAnInternalErrorThatRevealsNothing() {
        ApiException api = map(new IllegalStateException("secret detail"));
        assertThat(api.status()).isEqualTo(500);
        assertThat(api.body()).isEqualTo(new ErrorBody("INTERNAL", "internal error"));
    }
}
