package io.waymark.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6), 5);

    @Test
    void doublesFromTheBaseUpToTheMaximum() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.after(20)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void waitsAtLeastWhatTheReceiverAskedButNoLongerThanTheMaximum() {
        assertThat(backoff.after(1, null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(1, Duration.ofSeconds(30))).as("asked less than ours").isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.after(3, Duration.ofMinutes(3))).as("ours is 4 minutes").isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.after(1, Duration.ofDays(400))).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void onlyARetryCarriesAWait() {
        assertThat(Delivery.retry("HTTP 429", Duration.ofSeconds(5)).retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Delivery.retry("HTTP 503").retryAfter()).isNull();
        assertThatThrownBy(() -> new Delivery(Delivery.Outcome.SENT, "HTTP 200", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delivery.retry("HTTP 429", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
