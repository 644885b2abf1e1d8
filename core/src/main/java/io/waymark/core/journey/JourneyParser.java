package io.waymark.core.journey;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.experiment.Experiment;
import io.waymark.core.query.SegmentRef;
import io.waymark.core.query.SegmentRuleParser;
import io.waymark.core.query.SpecReader;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a journey definition (JSON) into a {@link Journey}; every error names the field by its JSON path
 * ({@code steps[2].next}). The graph checks (unknown ids, unreachable steps, loops without a wait) are
 * {@link JourneyGraph}'s.
 */
public final class JourneyParser {
    public static final Pattern STEP_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}");
    public static final int MAX_STEPS = 100;
    /** The settings each known channel cannot send without (other channels are checked when they send). */
    static final Map<String, List<String>> REQUIRED_SETTINGS = Map.of(
            "in_app", List.of("title", "body"),
            "email", List.of("subject"),
            "webhook", List.of("url"));

    private JourneyParser() {
    }

    public static Journey parse(JsonNode body) {
        SpecReader r = new SpecReader(body, "");
        r.allowOnly(false, "key", "name", "description", "trigger", "start", "steps", "exit", "goal", "reentry", "frequencyCap");
        String key = Experiment.key(r.string("key"), "key");
        String name = r.optionalString("name", key);
        String description = r.optionalString("description", null);
        SpecReader trigger = r.object("trigger");
        if (trigger == null) {
            throw WaymarkException.missing("trigger");
        }
        List<SpecReader> stepNodes = r.objects("steps");
        if (stepNodes.isEmpty() || stepNodes.size() > MAX_STEPS) {
            throw WaymarkException.invalid("steps", "'steps' must list from 1 to " + MAX_STEPS + " steps");
        }
        List<Step> steps = new ArrayList<>();
        Map<String, String> fieldOf = new HashMap<>();
        for (SpecReader s : stepNodes) {
            Step step = step(s);
            if (fieldOf.putIfAbsent(step.id(), s.name("id")) != null) {
                throw WaymarkException.invalid(s.name("id"), "step id '" + step.id() + "' is used twice");
            }
            steps.add(step);
        }
        String start = r.optionalString("start", steps.get(0).id());
        JourneyGraph.check(start, steps, stepNodes);
        SpecReader cap = r.object("frequencyCap");
        Journey.FrequencyCap frequencyCap = null;
        if (cap != null) {
            cap.allowOnly(false, "max", "per");
            frequencyCap = new Journey.FrequencyCap(cap.integer("max", 1, 1000, 1), cap.duration("per", Duration.ofDays(7)));
        }
        SpecReader exit = r.object("exit");
        SpecReader goal = r.object("goal");
        Journey.Goal g = null;
        if (goal != null) {
            goal.allowOnly(false, "event", "where", "within");
            g = new Journey.Goal(match(goal), goal.duration("within", Duration.ofDays(7)));
        }
        return new Journey(key, name, description, 0, trigger(trigger), start, steps, exit == null ? null : match(exit.allowOnly(false, "event", "where")),
                g, r.choice("reentry", Journey.ReEntry.class, Journey.ReEntry.AFTER_EXIT), frequencyCap);
    }

    private static Trigger trigger(SpecReader t) {
        String type = t.string("type");
        switch (type) {
            case "event" -> {
                t.allowOnly(false, "type", "event", "where");
                return new Trigger.OnEvent(match(t));
            }
            case "segment" -> {
                t.allowOnly(false, "type", "segment", "on");
                String on = t.optionalString("on", "entered");
                if (!on.equals("entered") && !on.equals("exited")) {
                    throw WaymarkException.invalid(t.name("on"), "'" + t.name("on") + "' must be entered or exited");
                }
                return new Trigger.OnSegment(SegmentRef.id(t.string("segment"), t.name("segment")), on.equals("entered"));
            }
            case "after_event" -> {
                t.allowOnly(false, "type", "event", "delay", "minEvents", "lead");
                String event = t.string("event");
                boolean personal = "personal".equals(t.optionalString("delay", null));
                Duration delay = personal ? null : t.duration("delay", null);
                if (!personal && delay == null) {
                    throw WaymarkException.missing(t.name("delay"));
                }
                return new Trigger.AfterEvent(event, delay, personal, t.integer("minEvents", 2, 1000, personal ? 3 : 1),
                        t.duration("lead", Duration.ZERO));
            }
            default -> throw WaymarkException.invalid(t.name("type"), "'" + t.name("type") + "' must be event, segment or after_event, not '" + type + "'");
        }
    }

    private static EventMatch match(SpecReader r) {
        var where = r.filters("where");
        for (int i = 0; i < where.size(); i++) {
            if (where.get(i).field().root() != io.waymark.core.query.FieldPath.Root.PROPERTIES) {
                throw WaymarkException.invalid(r.name("where") + "[" + i + "].field", "journey conditions read properties.* of the event");
            }
        }
        return new EventMatch(r.string("event"), where);
    }

    private static Step step(SpecReader s) {
        String id = s.string("id");
        if (!STEP_ID.matcher(id).matches()) {
            throw WaymarkException.invalid(s.name("id"), "'" + s.name("id") + "' must be letters, digits, _ or - (at most 64)");
        }
        String type = s.string("type");
        String label = s.optionalString("label", id);
        switch (type) {
            case "wait" -> {
                s.allowOnly(false, "id", "type", "label", "duration", "next");
                return new Step.Wait(id, label, required(s, "duration"), s.optionalString("next", null));
            }
            case "wait_for_event" -> {
                s.allowOnly(false, "id", "type", "label", "event", "where", "timeout", "next", "timeoutNext");
                return new Step.WaitForEvent(id, label, match(s), required(s, "timeout"), s.optionalString("next", null),
                        s.optionalString("timeoutNext", null));
            }
            case "branch" -> {
                s.allowOnly(false, "id", "type", "label", "condition", "then", "else");
                if (!s.has("condition")) {
                    throw WaymarkException.missing(s.name("condition"));
                }
                return new Step.Branch(id, label, SegmentRuleParser.parse(s.node().get("condition"), s.name("condition"), ZoneOffset.UTC),
                        s.optionalString("then", null), s.optionalString("else", null));
            }
            case "split" -> {
                s.allowOnly(false, "id", "type", "label", "experiment", "arms");
                String experiment = s.optionalString("experiment", null);
                if (experiment != null) {
                    Experiment.key(experiment, s.name("experiment"));
                }
                List<Step.Arm> arms = new ArrayList<>();
                for (SpecReader a : s.objects("arms")) {
                    a.allowOnly(false, "key", "weight", "next");
                    JsonNode w = a.node().get("weight");
                    double weight = w == null || w.isNull() ? 1 : w.isNumber() ? w.asDouble() : -1;
                    if (!(weight > 0 && weight <= 1e6)) {
                        throw WaymarkException.invalid(a.name("weight"), "'" + a.name("weight") + "' must be a positive number");
                    }
                    arms.add(new Step.Arm(Experiment.key(a.string("key"), a.name("key")), weight, a.optionalString("next", null)));
                }
                if (arms.size() < 2) {
                    throw WaymarkException.invalid(s.name("arms"), "'" + s.name("arms") + "' must list at least 2 arms");
                }
                return new Step.Split(id, label, experiment, arms);
            }
            case "send" -> {
                s.allowOnly(false, "id", "type", "label", "channel", "settings", "marketing", "next");
                String channel = s.string("channel");
                SpecReader settings = s.object("settings");
                if (settings == null) {
                    throw WaymarkException.missing(s.name("settings"));
                }
                for (String needed : REQUIRED_SETTINGS.getOrDefault(channel, List.of())) {
                    settings.string(needed);
                }
                return new Step.Send(id, label, channel, map(settings.node()), s.bool("marketing", true), s.optionalString("next", null));
            }
            case "update_trait" -> {
                s.allowOnly(false, "id", "type", "label", "traits", "next");
                SpecReader traits = s.object("traits");
                if (traits == null || traits.node().isEmpty()) {
                    throw WaymarkException.invalid(s.name("traits"), "'" + s.name("traits") + "' must be an object with at least one trait");
                }
                return new Step.UpdateTrait(id, label, map(traits.node()), s.optionalString("next", null));
            }
            case "exit" -> {
                s.allowOnly(false, "id", "type", "label");
                return new Step.Exit(id, label);
            }
            default -> throw WaymarkException.invalid(s.name("type"),
                    "'" + s.name("type") + "' must be wait, wait_for_event, branch, split, send, update_trait or exit, not '" + type + "'");
        }
    }

    private static Duration required(SpecReader s, String field) {
        Duration d = s.duration(field, null);
        if (d == null) {
            throw WaymarkException.missing(s.name(field));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return new LinkedHashMap<>(Json.MAPPER.convertValue(node, Map.class));
    }
}
