package io.waymark.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Differential test: the fast path must agree with the JDK parser on everything it accepts. */
class IsoInstantsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00.1Z", "2026-02-28T23:59:59.123456789Z",
            "2024-02-29T12:00:00+01:00", "1999-12-31T23:00:00-05:30", "2026-06-01T10:00:00.000+00:00",
            "2026-06-01t10:00:00z", "2026-06-01T10:00:00.1234567891Z", "2026-06-01T10:00:00+0100", "2026-01-01T00:00:00.Z"})
    void agreesWithTheJdk(String s) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> IsoInstants.parse(s)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstants.parse(s)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00", "not a date", "2026-01-01T00:00:60Z"})
    void rejectsWhatTheJdkRejects(String s) {
        assertThatThrownBy(() -> IsoInstants.parse(s)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void randomInstantsRoundTrip() {
        var random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(-14 * 60, 14 * 60 + 1);
            String s = t.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
            assertThat(IsoInstants.parse(s)).as(s).isEqualTo(t);
        }
    }
}
