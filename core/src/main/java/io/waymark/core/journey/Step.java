package io.waymark.core.journey;

import io.waymark.core.query.SegmentRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of a journey's graph. {@code next} ids name the following step; a null {@code next} ends the journey there
 * (the person completed it). {@code label} is what the journey map shows.
 */
public sealed interface Step permits Step.Wait, Step.WaitForEvent, Step.Branch, Step.Split, Step.Send, Step.UpdateTrait, Step.Exit {
    String id();

    String label();

    /** The ids this step can continue to (nulls left out). */
    List<String> successors();

    /** Whether a person may stay on this step across ticks (so a cycle through it is not a busy loop). */
    default boolean waits() {
        return false;
    }

    private static List<String> of(String... ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    /** Wait a fixed duration. */
    record Wait(String id, String label, Duration duration, String next) implements Step {
        public List<String> successors() {
            return of(next);
        }

        public boolean waits() {
            return true;
        }
    }

    /** Wait until the person does {@code event} (then {@code next}) or {@code timeout} passes (then {@code timeoutNext}). */
    record WaitForEvent(String id, String label, EventMatch event, Duration timeout, String next, String timeoutNext) implements Step {
        public List<String> successors() {
            return of(next, timeoutNext);
        }

        public boolean waits() {
            return true;
        }
    }

    /** {@code then} when the person meets {@code condition} (segment rules judged now), else {@code otherwise}. */
    record Branch(String id, String label, SegmentRule condition, String then, String otherwise) implements Step {
        public List<String> successors() {
            return of(then, otherwise);
        }
    }

    /**
     * A random split by weight, deterministic per (journey, person). With {@code experiment}, the scheduler records an
     * {@code $experiment_exposure} event (experiment, variant) so the experiment analysis measures the journey's effect
     * against a holdout arm.
     */
    record Split(String id, String label, String experiment, List<Arm> arms) implements Step {
        public Split {
            arms = List.copyOf(arms);
        }

        public List<String> successors() {
            List<String> out = new ArrayList<>();
            arms.forEach(a -> {
                if (a.next() != null) {
                    out.add(a.next());
                }
            });
            return out;
        }
    }

    record Arm(String key, double weight, String next) {
    }

    /**
     * Send on {@code channel} with its {@code settings}. Marketing sends count against frequency caps and wait out quiet
     * hours; transactional ones ({@code "marketing":false}) do neither. Unsubscribed persons get neither.
     */
    record Send(String id, String label, String channel, Map<String, Object> settings, boolean marketing, String next) implements Step {
        public Send {
            settings = Map.copyOf(settings);
        }

        public List<String> successors() {
            return of(next);
        }
    }

    /** Set traits on the person (written as an identify event, so they flow through ingestion like any other). */
    record UpdateTrait(String id, String label, Map<String, Object> traits, String next) implements Step {
        public UpdateTrait {
            traits = Map.copyOf(traits);
        }

        public List<String> successors() {
            return of(next);
        }
    }

    /** Leave the journey here. */
    record Exit(String id, String label) implements Step {
        public List<String> successors() {
            return List.of();
        }
    }
}
