package io.waymark.benchmarks.analysis;

import io.waymark.collector.SegmentProtocol;
import io.waymark.core.demo.DemoConfig;
import io.waymark.core.demo.DemoGenerator;
import io.waymark.core.event.Event;
import io.waymark.store.DuckDbEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory store filled with generated demo data through the Segment validation path, for
 * differential tests and benchmarks that compare kernels with independently written SQL on the same rows.
 */
public final class DemoStore {
    private DemoStore() {
    }

    public static DuckDbEventStore open(int persons, int days, long seed) {
        DuckDbEventStore store = DuckDbEventStore.open(null);
        store.append(events(persons, days, seed));
        return store;
    }

    /** The demo events as the collector stores them. */
    public static List<Event> events(int persons, int days, long seed) {
        var protocol = new SegmentProtocol();
        var envelope = new SegmentProtocol.Envelope("demo", null, null, Instant.parse("2026-06-01T00:00:00Z"), null);
        List<Event> events = new ArrayList<>();
        new DemoGenerator(new DemoConfig(persons, days, seed, Instant.parse("2026-05-01T00:00:00Z")))
                .generate(m -> events.add(protocol.normalize(m, null, envelope)));
        return events;
    }
}
