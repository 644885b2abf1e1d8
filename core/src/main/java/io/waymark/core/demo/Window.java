package io.waymark.core.demo;

import java.time.Duration;

/** The event window {@code [end - days, end)} in epoch milliseconds. */
record Window(long start, long end) {
    static Window of(DemoConfig config) {
        return new Window(config.end().minus(Duration.ofDays(config.days())).toEpochMilli(), config.end().toEpochMilli());
    }
}
