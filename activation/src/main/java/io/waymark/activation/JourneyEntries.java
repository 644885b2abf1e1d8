package io.waymark.activation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.journey.Journey;
import io.waymark.core.journey.RepurchaseInterval;
import io.waymark.core.journey.Trigger;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.JourneyEvents;
import io.waymark.store.JourneyRepository;
import io.waymark.store.JourneyState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds who enters a running journey: trigger events received since the journey's cursor (re-reading
 * {@code lookback} before it, for events the loader stored late), segment transitions, or dates relative to a person's
 * last event. Each candidate carries an entry key (the event's messageId, the transition, the date's source event) so
 * that the same cause never enters a person twice; the re-entry policy decides about new causes.
 */
final class JourneyEntries {
    /** Someone who may enter, why ({@code entryKey}), when in journey time, and with which event properties. */
    private record Candidate(String personId, String entryKey, Instant at, ObjectNode context) {
    }

    private final JourneyState state;
    private final JourneyEvents events;
    private final Duration lookback;

    JourneyEntries(JourneyState state, JourneyEvents events, Duration lookback) {
        this.state = state;
        this.events = events;
        this.lookback = lookback;
    }

    /** Enters the persons the trigger found since the last tick; returns the new enrolments. */
    List<JourneyState.Enrolment> enter(JourneyRepository.Saved saved, Journey j, Instant now) {
        Instant cursor = state.cursor(j.key());
        Instant from = cursor == null ? saved.startedAt() : latest(saved.startedAt(), cursor.minus(lookback));
        List<Candidate> candidates = new ArrayList<>();
        Instant readTo = cursor == null ? saved.startedAt() : cursor;
        Trigger t = j.trigger();
        if (t instanceof Trigger.OnEvent on) {
            for (JourneyEvents.Row r : events.received(on.match().event(), from)) {
                readTo = latest(readTo, r.receivedAt());
                if (on.match().matches(on.match().event(), r.properties())) {
                    candidates.add(new Candidate(r.personId(), "event:" + r.messageId(), earliest(r.at(), now), copy(r.properties())));
                }
            }
        } else if (t instanceof Trigger.OnSegment on) {
            for (JourneyEvents.Row r : events.transitions(on.segment(), on.entered(), from)) {
                readTo = latest(readTo, r.receivedAt());
                candidates.add(new Candidate(r.personId(), "segment:" + r.messageId(), r.at(), Json.MAPPER.createObjectNode()));
            }
        } else if (t instanceof Trigger.AfterEvent after) {
            dates(after, saved.startedAt(), now, candidates);
        }
        candidates.sort(Comparator.comparing(Candidate::at).thenComparing(Candidate::entryKey));
        List<JourneyState.Enrolment> entered = new ArrayList<>();
        if (!candidates.isEmpty()) {
            Set<String> used = state.entered(j.key(), candidates.stream().map(Candidate::entryKey).toList());
            Map<String, JourneyState.Enrolment> latest = state.latest(j.key(), candidates.stream().map(Candidate::personId).distinct().toList());
            for (Candidate c : candidates) {
                JourneyState.Enrolment e = used.contains(c.entryKey()) ? null : enter(j, c, latest.get(c.personId()));
                if (e != null) {
                    entered.add(e);
                    latest.put(c.personId(), e);
                }
            }
        }
        Instant finalReadTo = readTo;
        if (!finalReadTo.equals(cursor)) {
            state.transaction(tx -> tx.cursor(j.key(), finalReadTo));
        }
        return entered;
    }

    /** Persons whose date (last event + delay, or + their own median interval, minus lead) came since the journey started. */
    private void dates(Trigger.AfterEvent after, Instant startedAt, Instant now, List<Candidate> out) {
        for (Map.Entry<String, List<Instant>> p : events.times(after.event(), after.minEvents()).entrySet()) {
            List<Instant> times = p.getValue();
            Instant last = times.get(times.size() - 1);
            Duration delay = after.personal() ? RepurchaseInterval.median(times) : after.delay();
            if (delay == null) {
                continue;
            }
            Instant due = last.plus(delay).minus(after.lead());
            if (!due.isAfter(now) && due.isAfter(startedAt)) {
                ObjectNode context = Json.MAPPER.createObjectNode().put("lastEventAt", last.toString()).put("interval", delay.toString());
                out.add(new Candidate(p.getKey(), "after:" + DuckDbEventStore.micros(last), due, context));
            }
        }
    }

    /** Enters the candidate unless the re-entry policy keeps them out ({@code previous}: their latest run, or null). */
    private JourneyState.Enrolment enter(Journey j, Candidate c, JourneyState.Enrolment previous) {
        if (previous != null && (j.reentry() == Journey.ReEntry.NEVER || previous.status() == JourneyState.Status.ACTIVE
                || (previous.endedAt() != null && !c.at().isAfter(previous.endedAt())))) {
            return null;
        }
        var e = new JourneyState.Enrolment(UUID.randomUUID().toString(), j.key(), j.version(), c.personId(), c.entryKey(), j.start(),
                JourneyState.Status.ACTIVE, null, c.at(), c.at(), null, c.context());
        state.transaction(tx -> {
            tx.insert(e);
            tx.log(e, j.start(), "entered", c.entryKey(), c.at());
        });
        return e;
    }

    private static ObjectNode copy(com.fasterxml.jackson.databind.JsonNode n) {
        return n instanceof ObjectNode o ? o.deepCopy() : Json.MAPPER.createObjectNode();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
