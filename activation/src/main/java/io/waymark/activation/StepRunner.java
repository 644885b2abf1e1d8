package io.waymark.activation;

import io.waymark.core.journey.Journey;
import io.waymark.core.journey.SplitAssignment;
import io.waymark.core.journey.Step;
import io.waymark.store.JourneyEvents;
import io.waymark.store.JourneyState;
import io.waymark.store.JourneyState.Enrolment;
import io.waymark.store.JourneyState.SendStatus;
import java.time.Instant;
import java.util.Map;

/**
 * Moves one enrolment through its journey version's steps until it has to wait (a wait, a wait for an event, quiet
 * hours, a retry) or ends. Each step's effect is one store transaction (step log, new position, send outcome), so a
 * crash between steps resumes at the next one. A following step starts when the previous one ended in journey time
 * (a wait's due time, not the tick that noticed it), so chained waits keep to the schedule even when ticks are late.
 */
final class StepRunner {
    static final String EXPOSURE = "$experiment_exposure";
    private static final int MAX_STEPS_PER_TICK = 200;

    private final JourneyState state;
    private final JourneyEvents events;
    private final Sender sender;
    private final BranchConditions conditions;
    private final EventSink sink;

    StepRunner(JourneyState state, JourneyEvents events, Sender sender, BranchConditions conditions, EventSink sink) {
        this.state = state;
        this.events = events;
        this.sender = sender;
        this.conditions = conditions;
        this.sink = sink;
    }

    void advance(Journey j, Enrolment start, Instant now) {
        Enrolment e = start;
        for (int i = 0; i < MAX_STEPS_PER_TICK && e != null && e.status() == JourneyState.Status.ACTIVE; i++) {
            e = step(j, e, now);
        }
    }

    /** Commits one step's changes; false when the enrolment was deleted meanwhile (forgotten person): nothing is written. */
    private boolean commit(JourneyState.TxWork work) {
        try {
            state.transaction(work);
            return true;
        } catch (JourneyState.Gone gone) {
            return false;
        }
    }

    /** Runs the enrolment's current step; returns the enrolment at its next step, or null when it waits or ended. */
    private Enrolment step(Journey j, Enrolment e, Instant now) {
        Step s = j.step(e.stepId());
        if (s instanceof Step.Wait w) {
            Instant due = e.stepSince().plus(w.duration());
            return due.isAfter(now) ? sleep(e, due) : move(e, w.next(), "waited", null, due);
        } else if (s instanceof Step.WaitForEvent w) {
            Instant due = e.stepSince().plus(w.timeout());
            return due.isAfter(now) ? sleep(e, due) : move(e, w.timeoutNext(), "timed out", null, due);
        } else if (s instanceof Step.Branch b) {
            boolean holds = conditions.holds(b.condition(), e.personId());
            return move(e, holds ? b.then() : b.otherwise(), holds ? "then" : "else", null, now);
        } else if (s instanceof Step.Split split) {
            Step.Arm arm = SplitAssignment.arm(j.key(), split, e.personId());
            if (split.experiment() != null) {
                // one exposure per person and experiment, as /api/v1/decide records them
                sink.track(events.identities(e.personId()), EXPOSURE, Map.of("experiment", split.experiment(), "variant", arm.key(),
                        "journey", j.key()), "exposure:" + split.experiment() + ":p:" + e.personId(), now);
            }
            return move(e, arm.next(), "arm " + arm.key(), null, now);
        } else if (s instanceof Step.Send send) {
            return send(j, send, e, now);
        } else if (s instanceof Step.UpdateTrait u) {
            sink.identify(events.identities(e.personId()), u.traits(), "journey-trait:" + e.id() + ":" + u.id(), now);
            return move(e, u.next(), "traits set", null, now);
        }
        // an exit step, or a step id this version no longer has (cannot happen: versions are immutable)
        end(e, JourneyState.Status.EXITED, s == null ? "unknown step" : "exit step", now);
        return null;
    }

    private Enrolment send(Journey j, Step.Send step, Enrolment e, Instant now) {
        Sender.Result r;
        try {
            r = sender.send(j, step, e, now);
        } catch (JourneyState.Gone gone) {
            return null;
        }
        String key = Sender.key(e, step);
        if (!r.finished()) {
            Enrolment waiting = e.at(e.stepId(), e.stepSince(), r.until());
            commit(tx -> {
                if (r.status() == SendStatus.RETRY) {
                    tx.send(e, key, step.channel(), step.marketing(), SendStatus.RETRY, r.detail(), r.attempts(), r.until(), now);
                    tx.log(e, step.id(), "retry", r.detail(), now);
                } else if (e.wakeAt() == null || !e.wakeAt().equals(r.until())) {
                    tx.log(e, step.id(), "delayed", r.detail(), now);
                }
                tx.save(waiting);
            });
            return null;
        }
        return move(e, step.next(), r.status().name().toLowerCase(), r.detail(), now,
                tx -> tx.send(e, key, step.channel(), step.marketing(), r.status(), r.detail(), r.attempts(), null, now));
    }

    private Enrolment sleep(Enrolment e, Instant due) {
        if (due.equals(e.wakeAt())) {
            return null;
        }
        Enrolment waiting = e.at(e.stepId(), e.stepSince(), due);
        commit(tx -> tx.save(waiting));
        return null;
    }

    /** Leaves the current step with {@code outcome} at {@code at} and enters {@code next} (null: the journey is completed). */
    Enrolment move(Enrolment e, String next, String outcome, String detail, Instant at) {
        return move(e, next, outcome, detail, at, null);
    }

    private Enrolment move(Enrolment e, String next, String outcome, String detail, Instant at, JourneyState.TxWork also) {
        Enrolment moved = next == null ? e.ended(JourneyState.Status.COMPLETED, at) : e.at(next, at, null);
        boolean saved = commit(tx -> {
            if (also != null) {
                also.run(tx);
            }
            tx.log(e, e.stepId(), outcome, detail, at);
            tx.save(moved);
            if (next != null) {
                tx.log(moved, next, "entered", null, at);
            } else {
                tx.log(moved, e.stepId(), "completed", null, at);
            }
        });
        return next == null || !saved ? null : moved;
    }

    void end(Enrolment e, JourneyState.Status status, String why, Instant at) {
        commit(tx -> {
            tx.log(e, e.stepId(), status == JourneyState.Status.EXITED ? "exited" : "completed", why, at);
            tx.save(e.ended(status, at));
        });
    }
}
