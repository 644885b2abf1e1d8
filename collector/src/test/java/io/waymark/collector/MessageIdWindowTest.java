package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MessageIdWindowTest {
    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void remembersIdsForAtLeastTheWindowThenForgets() {
        var clock = new MutableClock();
        var w = new MessageIdWindow(Duration.ofHours(24), clock);
        assertThat(w.add("m1")).isTrue();
        assertThat(w.add("m1")).isFalse();
        clock.now = clock.now.plus(Duration.ofHours(23));
        assertThat(w.add("m1")).isFalse();
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(w.add("m1")).as("after one rotation the id is still in the previous generation").isFalse();
        clock.now = clock.now.plus(Duration.ofHours(25));
        assertThat(w.add("m1")).as("after two windows it is forgotten").isTrue();
    }

    @Test
    void manyIdsSurviveResizingAndRemoval() {
        var w = new MessageIdWindow(Duration.ofHours(24), Clock.systemUTC());
        for (int i = 0; i < 200_000; i++) {
            assertThat(w.add("id-" + i)).isTrue();
        }
        for (int i = 0; i < 200_000; i += 1000) {
            assertThat(w.add("id-" + i)).isFalse();
        }
        w.remove("id-5");
        assertThat(w.add("id-5")).isTrue();
        assertThat(w.size()).isEqualTo(200_000);
    }
}
