package io.waymark.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Test
    void overnightQuietHoursDelayToTheirEndInThePersonsZone() {
        assertThat(night.nextAllowed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC)).isNull();
        assertThat(night.nextAllowed(Instant.parse("2026-03-10T21:00:00Z"), ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-03-11T08:00:00Z"));
        assertThat(night.nextAllowed(Instant.parse("2026-03-10T07:59:00Z"), ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-03-10T08:00:00Z"));
        assertThat(night.nextAllowed(Instant.parse("2026-03-10T08:00:00Z"), ZoneOffset.UTC)).isNull();
        // 12:00 UTC is 21:00 in Tokyo (UTC+9): quiet until 08:00 there, 23:00 UTC
        assertThat(night.nextAllowed(Instant.parse("2026-03-10T12:00:00Z"), ZoneId.of("Asia/Tokyo"))).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
    }

    @Test
    void daytimeQuietHoursAndNone() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        assertThat(lunch.nextAllowed(Instant.parse("2026-03-10T12:30:00Z"), ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
        assertThat(lunch.nextAllowed(Instant.parse("2026-03-10T13:00:00Z"), ZoneOffset.UTC)).isNull();
        assertThat(QuietHours.NONE.nextAllowed(Instant.parse("2026-03-10T23:00:00Z"), ZoneOffset.UTC)).isNull();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = Backoff.DEFAULT;
        assertThat(b.after(1)).hasMinutes(1);
        assertThat(b.after(2)).hasMinutes(2);
        assertThat(b.after(4)).hasMinutes(8);
        assertThat(b.after(30)).hasHours(6);
    }
}
