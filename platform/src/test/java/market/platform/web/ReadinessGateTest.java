package market.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Until the runtime has caught up, API requests get 503 with the error body and Retry-After; the actuator passes. */
class ReadinessGateTest {

    @RestController
    static class Answers {
        @GetMapping("/v1/ping")
        String ping() {
            return "pong";
        }

        @GetMapping("/actuator/health/readiness")
        String readiness() {
            return "probe";
        }
    }

    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final WebTestClient client = WebTestClient.bindToController(new Answers())
            .webFilter(new ReadinessGate(ready::get)).build();

    @Test
    void refusesApiRequestsWithRetryAfterUntilCaughtUp() {
        client.get().uri("/v1/ping").exchange().expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody().jsonPath("$.errorCode").isEqualTo("SERVICE.NOT_READY")
                .jsonPath("$.errorMsg").value(message -> assertThat((String) message).contains("retry in 2 s"));
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("probe");

        ready.set(true);
        client.get().uri("/v1/ping").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("pong");
    }
}
