package io.waymark.activation;

import io.waymark.store.JourneyEvents;
import java.time.Instant;
import java.util.Map;

/**
 * Where the scheduler writes the events it causes (an {@code $experiment_exposure} of a split, the identify of an
 * "update trait" step). The server implements it with the collector, so these events are durable and flow through
 * the normal ingestion path; {@code messageId} is derived from the enrolment and step, so a step repeated after a crash
 * is deduplicated there instead of counted twice.
 */
public interface EventSink {
    void track(JourneyEvents.Identities person, String event, Map<String, Object> properties, String messageId, Instant at);

    void identify(JourneyEvents.Identities person, Map<String, Object> traits, String messageId, Instant at);
}
