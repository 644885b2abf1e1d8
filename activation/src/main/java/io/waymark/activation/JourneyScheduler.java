package io.waymark.activation;

import io.waymark.core.journey.EventMatch;
import io.waymark.core.journey.Journey;
import io.waymark.core.journey.Step;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.JourneyEvents;
import io.waymark.store.JourneyRepository;
import io.waymark.store.JourneyState;
import io.waymark.store.JourneyState.Enrolment;
import io.waymark.store.SegmentEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the running journeys. {@link #tick()} does, per journey: exits (the exit event happened since the person
 * entered), ends of waits for an event, new entries, then every enrolment whose wake-up time came. All state is in the
 * store and every step is its own transaction, so a tick interrupted anywhere resumes on the next one (after a restart
 * too) without losing or repeating a step; sends are guarded by their idempotency keys ({@link Sender}). Time comes
 * from the injected clock only. Not thread-safe: one thread ticks (the server's scheduler thread, or a test).
 */
public final class JourneyScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JourneyScheduler.class);

    private final JourneyRepository journeys;
    private final JourneyState state;
    private final JourneyEvents events;
    private final JourneyEntries entries;
    private final StepRunner runner;
    private final BranchConditions conditions;
    private final Clock clock;
    /** Parsed versions, kept for one tick. */
    private final Map<String, Journey> versions = new HashMap<>();

    public JourneyScheduler(DuckDbEventStore store, SegmentEngine segments, Map<String, Channel> channels, EventSink sink,
                            Recommendations recommendations, JourneySettings settings, Clock clock) {
        this.journeys = new JourneyRepository(store);
        this.state = new JourneyState(store);
        this.events = new JourneyEvents(store);
        this.entries = new JourneyEntries(state, events, settings.lookback());
        this.conditions = new BranchConditions(segments);
        this.runner = new StepRunner(state, events, new Sender(state, events, channels, settings, recommendations), conditions, sink);
        this.clock = clock;
    }

    /** One pass over every running journey; returns how many enrolments it looked at. */
    public synchronized int tick() {
        List<JourneyRepository.Saved> running = journeys.running();
        if (running.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        versions.clear(); // a deleted journey's key may be saved again with other versions
        events.refreshPersons();
        conditions.reset(now);
        int seen = 0;
        for (JourneyRepository.Saved saved : running) {
            try {
                seen += tick(saved, now);
            } catch (RuntimeException e) {
                LOG.warn("journey {} not advanced in this tick: {}", saved.key(), e.getMessage(), e);
            }
        }
        return seen;
    }

    private int tick(JourneyRepository.Saved saved, Instant now) {
        Journey current = version(saved.key(), saved.version());
        List<Enrolment> active = state.active(saved.key(), now, true);
        exits(saved.key(), active, now);
        eventsWaitedFor(saved.key(), active, now);
        for (Enrolment e : entries.enter(saved, current, now)) {
            runner.advance(current, e, now);
        }
        List<Enrolment> due = state.active(saved.key(), now, false);
        for (Enrolment e : due) {
            runner.advance(version(e.journeyKey(), e.version()), e, now);
        }
        return active.size() + due.size();
    }

    /** Persons whose version's exit event happened since they entered leave at that event's time. */
    private void exits(String key, List<Enrolment> active, Instant now) {
        Set<String> names = new LinkedHashSet<>();
        for (Enrolment e : active) {
            EventMatch exit = version(key, e.version()).exit();
            if (exit != null) {
                names.add(exit.event());
            }
        }
        Map<String, Enrolment> byId = new HashMap<>();
        active.forEach(e -> byId.put(e.id(), e));
        for (String name : names) {
            events.sinceEnrolment(key, name, false).forEach((id, rows) -> {
                Enrolment e = byId.get(id);
                EventMatch exit = e == null ? null : version(key, e.version()).exit();
                if (exit == null || !exit.event().equals(name)) {
                    return;
                }
                for (JourneyEvents.Row r : rows) {
                    if (exit.matches(name, r.properties())) {
                        runner.end(e, JourneyState.Status.EXITED, "exit event " + name, r.at().isAfter(now) ? now : r.at());
                        byId.remove(id);
                        return;
                    }
                }
            });
        }
        active.removeIf(e -> !byId.containsKey(e.id()));
    }

    /** Persons on a wait_for_event step whose event came move on along {@code next}, from that event's time. */
    private void eventsWaitedFor(String key, List<Enrolment> active, Instant now) {
        Set<String> names = new LinkedHashSet<>();
        for (Enrolment e : active) {
            if (version(key, e.version()).step(e.stepId()) instanceof Step.WaitForEvent w) {
                names.add(w.event().event());
            }
        }
        Map<String, Enrolment> byId = new HashMap<>();
        active.forEach(e -> byId.put(e.id(), e));
        for (String name : names) {
            events.sinceEnrolment(key, name, true).forEach((id, rows) -> {
                Enrolment e = byId.get(id);
                if (e == null) {
                    return;
                }
                Journey j = version(key, e.version());
                if (!(j.step(e.stepId()) instanceof Step.WaitForEvent w) || !w.event().event().equals(name)) {
                    return;
                }
                for (JourneyEvents.Row r : rows) {
                    if (w.event().matches(name, r.properties())) {
                        Instant at = r.at().isAfter(now) ? now : r.at();
                        Enrolment moved = runner.move(e, w.next(), "event " + name, r.messageId(), at);
                        if (moved != null) {
                            runner.advance(j, moved, now);
                        }
                        byId.remove(id);
                        return;
                    }
                }
            });
        }
    }

    private Journey version(String key, int version) {
        return versions.computeIfAbsent(key + "@" + version, k -> journeys.version(key, version));
    }
}
