package io.waymark.core.journey;

import java.time.Duration;
import java.util.List;

/**
 * A journey: an entry trigger, a graph of steps from {@code start}, an exit rule (leave as soon as the person does
 * that event), a goal (the conversion the journey is judged by) and a re-entry policy. Parsed and validated by
 * {@link JourneyParser}; {@code version} is given by the store (each save is a new version; persons inside stay on
 * theirs).
 *
 * @param frequencyCap at most this many marketing sends of this journey per person per window (null: only the global caps)
 */
public record Journey(String key, String name, String description, int version, Trigger trigger, String start, List<Step> steps,
        EventMatch exit, Goal goal, ReEntry reentry, FrequencyCap frequencyCap) {

    /** Whether a person may enter again: never, or once their previous run ended (completed or exited). */
    public enum ReEntry { NEVER, AFTER_EXIT }

    /** The goal event and how long after entering it counts. */
    public record Goal(EventMatch event, Duration within) {
    }

    /** At most {@code max} sends per {@code per}. */
    public record FrequencyCap(int max, Duration per) {
    }

    public Journey {
        steps = List.copyOf(steps);
    }

    public Journey withVersion(int v) {
        return new Journey(key, name, description, v, trigger, start, steps, exit, goal, reentry, frequencyCap);
    }

    public Step step(String id) {
        for (Step s : steps) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
