package io.waymark.core.journey;

import java.time.Duration;

/** What enters a person into a journey. */
public sealed interface Trigger permits Trigger.OnEvent, Trigger.OnSegment, Trigger.AfterEvent {

    /** The person did an event that matches ({@code {"type":"event","event":"add_to_cart","where":[…]}}). */
    record OnEvent(EventMatch match) implements Trigger {
    }

    /**
     * The person entered (or exited) a saved segment at a membership refresh ({@code {"type":"segment","segment":
     * "at_risk_customers","on":"entered"}}); read from the refresh's recorded transitions.
     */
    record OnSegment(String segment, boolean entered) implements Trigger {
    }

    /**
     * A date relative to the person's last {@code event}: a fixed {@code delay} after it ({@code "delay":"30d"}), or,
     * with {@code "delay":"personal"}, the median interval between the person's own past events of that kind (the
     * replenishment cycle of a consumable), for persons with at least {@code minEvents} of them. {@code lead} moves
     * the date earlier (remind before the pack runs out).
     */
    record AfterEvent(String event, Duration delay, boolean personal, int minEvents, Duration lead) implements Trigger {
    }
}
