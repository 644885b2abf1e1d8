package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoConfigTest {
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void rejectsNoPersons() {
        assertThatThrownBy(() -> new DemoConfig(0, 90, 1, END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("persons");
    }

    @Test
    void rejectsNoDays() {
        assertThatThrownBy(() -> new DemoConfig(10, 0, 1, END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
    }

    @Test
    void rejectsMissingEnd() {
        assertThatThrownBy(() -> new DemoConfig(10, 90, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end");
    }

    @Test
    void rejectsPeriodsOutsideFourDigitYears() {
        assertThatThrownBy(() -> new DemoConfig(10, 90, 1, Instant.parse("+10000-01-02T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
    }

    @Test
    void tinyConfigurationsStillWork() {
        long[] count = {0};
        long emitted = new DemoGenerator(new DemoConfig(1, 1, 0, END)).generate(m -> count[0]++);
        assertThat(emitted).isEqualTo(count[0]).isPositive();
    }
}
