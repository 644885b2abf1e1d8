package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered stages of a journey map and the typed rules that put events into them (no
 * expression language). A stage rule, e.g.
 * {@code {"name":"loyalty","events":["purchase"],"minOccurrence":2,"or":[{"events":["referral"]}]}},
 * holds one condition in its own fields (all of them must hold) and optional alternatives in
 * {@code or}; an event matches the stage when any of these conditions holds. Condition fields:
 * {@code events} (event keys such as {@code product_view} or {@code $page}), {@code channels},
 * {@code where} (filters), {@code first} (the person's first in-scope event) and
 * {@code minOccurrence} (the n-th or later event that meets the rest of the condition).
 * The same parser reads per-request rules, the bundled defaults and a data directory's
 * {@code stages.json}, so all three fail with the same field names ({@code stages[2].events}).
 */
public record StageRules(List<Stage> stages) {
    public static final int MAX_STAGES = 20;
    /** Conditions of all stages together; kernels keep them in a 64-bit set. */
    public static final int MAX_CONDITIONS = 64;
    private static final String[] CONDITION_FIELDS = {"events", "channels", "where", "first", "minOccurrence"};

    public StageRules {
        stages = List.copyOf(stages);
    }

    /** One stage: its name and the conditions of which any puts an event into it. */
    public record Stage(String name, List<Condition> conditions) {
        public Stage {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * All given parts must hold. Empty {@code events}/{@code channels} mean any; {@code minOccurrence}
     * counts the person's in-scope events that meet the other parts, this one included.
     */
    public record Condition(List<String> events, Set<Channel> channels, List<Filter> where, boolean first, int minOccurrence) {
        public Condition {
            events = List.copyOf(events);
            channels = Set.copyOf(channels);
            where = List.copyOf(where);
        }
    }

    public List<String> names() {
        return stages.stream().map(Stage::name).toList();
    }

    /** The event fields the rules' filters read. */
    public Set<FieldPath> fields() {
        Set<FieldPath> out = new HashSet<>();
        for (Stage s : stages) {
            for (Condition c : s.conditions()) {
                c.where().forEach(f -> out.add(f.field()));
            }
        }
        return out;
    }

    /** Reads a rules document {@code {"description": "…", "stages": […]}}: the bundled defaults and a data directory's stages.json. */
    public static StageRules parseDocument(JsonNode node) {
        SpecReader r = new SpecReader(node, "");
        r.allowOnly(false, "description", "stages");
        StageRules rules = parse(r, "stages");
        if (rules == null) {
            throw WaymarkException.missing("stages");
        }
        return rules;
    }

    /** Reads the array {@code field} of {@code r} (e.g. "stages"); null when absent. */
    public static StageRules parse(SpecReader r, String field) {
        if (!r.has(field)) {
            return null;
        }
        List<SpecReader> items = r.objects(field);
        if (items.isEmpty() || items.size() > MAX_STAGES) {
            throw WaymarkException.invalid(r.name(field), "'" + r.name(field) + "' must list 1 to " + MAX_STAGES + " stages");
        }
        List<Stage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int conditions = 0;
        for (SpecReader s : items) {
            Stage stage = stage(s);
            if (!names.add(stage.name())) {
                throw WaymarkException.invalid(s.name("name"), "duplicate stage name '" + stage.name() + "'");
            }
            conditions += stage.conditions().size();
            if (conditions > MAX_CONDITIONS) {
                throw WaymarkException.invalid(s.name("or"), "the stages hold more than " + MAX_CONDITIONS + " conditions together");
            }
            stages.add(stage);
        }
        return new StageRules(stages);
    }

    private static Stage stage(SpecReader s) {
        s.allowOnly(false, "name", "events", "channels", "where", "first", "minOccurrence", "or");
        String name = s.string("name");
        List<Condition> conditions = new ArrayList<>();
        if (hasCondition(s)) {
            conditions.add(condition(s));
        }
        for (SpecReader alt : s.objects("or")) {
            alt.allowOnly(false, CONDITION_FIELDS);
            if (!hasCondition(alt)) {
                throw WaymarkException.missing(alt.name("events"));
            }
            conditions.add(condition(alt));
        }
        if (conditions.isEmpty()) {
            throw WaymarkException.invalid(s.name("events"), "stage '" + name
                    + "' matches no event: give events, channels, where, first or or");
        }
        return new Stage(name, conditions);
    }

    private static boolean hasCondition(SpecReader r) {
        for (String f : CONDITION_FIELDS) {
            if (r.has(f)) {
                return true;
            }
        }
        return false;
    }

    private static Condition condition(SpecReader r) {
        boolean first = r.bool("first", false);
        int min = r.integer("minOccurrence", 1, 1_000_000, 1);
        List<String> events = strings(r, "events");
        Set<Channel> channels = channels(r);
        List<Filter> where = r.filters("where");
        if (!first && min == 1 && events.isEmpty() && channels.isEmpty() && where.isEmpty()) {
            // {"first": false} alone would match every event, which is never what a rule means.
            throw WaymarkException.invalid(r.name("first"), "'" + r.name("first") + "' false needs events, channels or where beside it");
        }
        return new Condition(events, channels, where, first, min);
    }

    private static List<String> strings(SpecReader r, String field) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw WaymarkException.invalid(r.name(field), "'" + r.name(field) + "' must be a non-empty array of event names, e.g. [\"purchase\", \"$page\"]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw WaymarkException.invalid(r.name(field) + "[" + i + "]", "'" + r.name(field) + "[" + i + "]' must be a non-empty string");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static Set<Channel> channels(SpecReader r) {
        JsonNode v = r.node().get("channels");
        if (v == null || v.isNull()) {
            return Set.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw WaymarkException.invalid(r.name("channels"), "'" + r.name("channels") + "' must be a non-empty array of channels");
        }
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < v.size(); i++) {
            Channel c = v.get(i).isTextual() ? Channel.fromWire(v.get(i).asText()) : null;
            if (c == null) {
                throw WaymarkException.invalid(r.name("channels") + "[" + i + "]", "'" + r.name("channels") + "[" + i
                        + "]' must be one of web, app, email, social, ads, store, support, survey, other");
            }
            out.add(c);
        }
        return out;
    }
}
