package io.waymark.core.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic demo data: a European online shop with physical stores, its customers'
 * journeys across web, app, e-mail, store, support and surveys, and the spend of the campaigns
 * that brought them. It doubles as a simulator with planted truths for tests and benchmarks
 * (personas, a slow mobile shipping step, churn, sentiment after bad experiences).
 *
 * <p>Messages are Segment-spec JSON as client libraries send them; each person's messages come
 * together, sorted by timestamp. Every person gets their own random stream split off the seed in
 * person order, so the same configuration yields byte-identical output (on the same JDK: local
 * times go through its time-zone rules). Every call starts afresh, so a generator may be used
 * repeatedly and from several threads.
 */
public final class DemoGenerator {
    private final DemoConfig config;
    private final Catalog catalog = Catalog.standard();

    public DemoGenerator(DemoConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Emits Segment-spec messages (wire format, as client libraries send them) in per-person order. Returns the number emitted. */
    public long generate(Consumer<ObjectNode> sink) {
        Objects.requireNonNull(sink, "sink");
        long[] count = new long[1];
        generatePersons(messages -> {
            for (ObjectNode message : messages) {
                sink.accept(message);
            }
            count[0] += messages.size();
        });
        return count[0];
    }

    /** Daily acquisition spend of the campaigns the events reference, one row per (date, channel, campaign). */
    public List<SpendRow> spend() {
        return Collections.unmodifiableList(SpendPlanner.plan(config));
    }

    /**
     * Runs the simulation one person at a time and hands over each person's messages, sorted by
     * time, cut to the window and stamped with {@code messageId} ("demo-SEED-N", numbered in output
     * order) and {@code timestamp}.
     */
    void generatePersons(Consumer<List<ObjectNode>> personSink) {
        SplittableRandom root = new SplittableRandom(config.seed());
        PersonSimulator simulator = new PersonSimulator(config, catalog);
        Window window = Window.of(config);
        long start = window.start();
        long end = window.end();
        String idPrefix = "demo-" + config.seed() + "-";
        long number = 0;
        for (int i = 0; i < config.persons(); i++) {
            List<PendingEvent> events = simulator.simulate(i, root.split());
            Collections.sort(events);
            List<ObjectNode> messages = new ArrayList<>(events.size());
            for (PendingEvent event : events) {
                if (event.time() < start || event.time() >= end) {
                    continue;
                }
                ObjectNode message = event.message();
                message.put("messageId", idPrefix + number++);
                message.put("timestamp", IsoTime.format(event.time()));
                messages.add(message);
            }
            personSink.accept(messages);
        }
    }
}
