package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    @Test
    void formatsFixedWidthMillisecondsThatParseBack() {
        assertThat(IsoTime.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(IsoTime.format(Instant.parse("2026-10-01T12:00:00.123Z").toEpochMilli()))
                .isEqualTo("2026-10-01T12:00:00.123Z");
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long millis = r.nextLong(253_402_300_799_999L);
            String text = IsoTime.format(millis);
            assertThat(text).hasSize(24);
            assertThat(Instant.parse(text).toEpochMilli()).isEqualTo(millis);
        }
    }
}
