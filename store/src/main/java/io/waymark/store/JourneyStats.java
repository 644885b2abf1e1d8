package io.waymark.store;

import io.waymark.core.journey.Journey;
import io.waymark.core.journey.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts for the journey map: persons per status, per step (waiting, entered, sends by outcome) and goal conversions. */
public final class JourneyStats {
    public record Counts(long active, long completed, long exited) {
    }

    public record StepStats(String id, String type, String label, long waiting, long entered, long sent, long suppressed, long failed) {
    }

    public record Goal(String event, long converted, double rate) {
    }

    public record Stats(List<StepStats> steps, long entered, long completed, long exited, Goal goal) {
    }

    private final DuckDbEventStore store;

    public JourneyStats(DuckDbEventStore store) {
        this.store = store;
    }

    /** Enrolments by status for every journey. */
    public Map<String, Counts> counts() {
        return counts("");
    }

    /** Enrolments by status per journey, of the enrolments {@code where} (a SQL condition on its {@code params}) selects. */
    private Map<String, Counts> counts(String where, Object... params) {
        Map<String, Counts> out = new HashMap<>();
        Sql.read(store, "read journey counts", c -> Sql.query(c,
                "SELECT journey_key, count(*) FILTER (status = 'ACTIVE'), count(*) FILTER (status = 'COMPLETED'), count(*) FILTER (status = 'EXITED')"
                        + " FROM journey_enrolments" + where + " GROUP BY journey_key",
                rs -> out.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4))), params));
        return out;
    }

    /** The stats of a journey, its steps as in {@code journey} (the current version), counted over all versions. */
    public Stats stats(Journey journey) {
        Map<String, long[]> perStep = new HashMap<>();
        Sql.read(store, "read journey stats", c -> {
            Sql.query(c, "SELECT step_id, count(*) FILTER (status = 'ACTIVE') FROM journey_enrolments WHERE journey_key = ? GROUP BY step_id",
                    rs -> perStep.computeIfAbsent(rs.getString(1), k -> new long[5])[0] = rs.getLong(2), journey.key());
            Sql.query(c, "SELECT step_id, count(*) FROM journey_step_log WHERE journey_key = ? AND outcome = 'entered' GROUP BY step_id",
                    rs -> perStep.computeIfAbsent(rs.getString(1), k -> new long[5])[1] = rs.getLong(2), journey.key());
            Sql.query(c, "SELECT step_id, count(*) FILTER (status = 'SENT'), count(*) FILTER (status = 'SUPPRESSED'), count(*) FILTER (status = 'FAILED')"
                    + " FROM journey_sends WHERE journey_key = ? GROUP BY step_id", rs -> {
                        long[] v = perStep.computeIfAbsent(rs.getString(1), k -> new long[5]);
                        v[2] = rs.getLong(2);
                        v[3] = rs.getLong(3);
                        v[4] = rs.getLong(4);
                        return v;
                    }, journey.key());
            return null;
        });
        List<StepStats> steps = new ArrayList<>();
        for (Step s : journey.steps()) {
            long[] v = perStep.getOrDefault(s.id(), new long[5]);
            steps.add(new StepStats(s.id(), type(s), s.label(), v[0], v[1], v[2], v[3], v[4]));
        }
        Counts counts = counts(" WHERE journey_key = ?", journey.key()).getOrDefault(journey.key(), new Counts(0, 0, 0));
        long entered = counts.active() + counts.completed() + counts.exited();
        Goal goal = null;
        if (journey.goal() != null) {
            store.personMap().refresh();
            long converted = Sql.read(store, "read journey goal", c -> Sql.query(c,
                    "SELECT count(DISTINCT en.id) FROM journey_enrolments en JOIN events_resolved ev ON ev.person_id = en.person_id"
                            + " AND ev.name = ? AND ev.ts >= en.entered_at AND ev.ts < en.entered_at + to_microseconds(?) WHERE en.journey_key = ?",
                    rs -> rs.getLong(1), journey.goal().event().event(), journey.goal().within().toNanos() / 1000, journey.key())).get(0);
            goal = new Goal(journey.goal().event().event(), converted, entered == 0 ? 0 : (double) converted / entered);
        }
        return new Stats(steps, entered, counts.completed(), counts.exited(), goal);
    }

    /** The wire name of a step's type, as definitions spell it. */
    public static String type(Step s) {
        if (s instanceof Step.Wait) {
            return "wait";
        } else if (s instanceof Step.WaitForEvent) {
            return "wait_for_event";
        } else if (s instanceof Step.Branch) {
            return "branch";
        } else if (s instanceof Step.Split) {
            return "split";
        } else if (s instanceof Step.Send) {
            return "send";
        } else if (s instanceof Step.UpdateTrait) {
            return "update_trait";
        }
        return "exit";
    }
}
