package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON spec object with errors that name the field by its JSON path
 * ({@code steps[1].where[0].op}), so every kind's parser stays a short list of reads.
 */
public final class SpecReader {
    /** Fields every analysis kind accepts (see {@link Scope}). */
    public static final Set<String> SCOPE_FIELDS = Set.of("kind", "from", "to", "channel", "filters", "timezone", "segment");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w)");

    private final JsonNode node;
    private final String path;

    public SpecReader(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw WaymarkException.invalid(path.isEmpty() ? "$" : path, "'" + (path.isEmpty() ? "spec" : path) + "' must be a JSON object");
        }
        this.node = node;
        this.path = path;
    }

    public JsonNode node() {
        return node;
    }

    /** This object's JSON path ("" for the spec itself). */
    public String path() {
        return path;
    }

    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Refuses fields outside {@code allowed} (plus the scope fields when {@code withScope}). */
    public SpecReader allowOnly(boolean withScope, String... allowed) {
        Set<String> ok = new HashSet<>(List.of(allowed));
        if (withScope) {
            ok.addAll(SCOPE_FIELDS);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw WaymarkException.invalid(name(f), "unknown field '" + name(f) + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(ok)));
            }
        }
        return this;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String string(String field) {
        String s = optionalString(field, null);
        if (s == null) {
            throw WaymarkException.missing(name(field));
        }
        return s;
    }

    public String optionalString(String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw WaymarkException.invalid(name(field), "'" + name(field) + "' must be a non-empty string");
        }
        return v.asText();
    }

    public int integer(String field, int min, int max, int fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw WaymarkException.invalid(name(field), "'" + name(field) + "' must be an integer from " + min + " to " + max);
        }
        return v.asInt();
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw WaymarkException.invalid(name(field), "'" + name(field) + "' must be true or false");
        }
        return v.asBoolean();
    }

    /** A lower-case wire name of {@code type}'s constants, e.g. "ordered" for ORDERED. */
    public <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
        String s = optionalString(field, null);
        if (s == null) {
            if (fallback == null) {
                throw WaymarkException.missing(name(field));
            }
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (wire(e).equals(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(wire(e));
        }
        throw WaymarkException.invalid(name(field), "'" + name(field) + "' must be one of " + String.join(", ", names) + ", not '" + s + "'");
    }

    public static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A duration such as "30m", "7d", "2w" (seconds, minutes, hours, days, weeks). */
    public Duration duration(String field, Duration fallback) {
        String s = optionalString(field, null);
        if (s == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw WaymarkException.invalid(name(field), "'" + name(field) + "' must be a positive duration like 30m, 12h, 7d or 2w, not '" + s + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    public FieldPath field(String field) {
        String s = optionalString(field, null);
        return s == null ? null : FieldPath.parse(s, name(field));
    }

    /** Reads the object at {@code field}, or null when absent. */
    public SpecReader object(String field) {
        return has(field) ? new SpecReader(node.get(field), name(field)) : null;
    }

    /** Reads the array at {@code field} (empty when absent) as objects. */
    public List<SpecReader> objects(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw WaymarkException.invalid(name(field), "'" + name(field) + "' must be an array");
        }
        List<SpecReader> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new SpecReader(v.get(i), name(field) + "[" + i + "]"));
        }
        return out;
    }

    public Scope scope() {
        ZoneId zone = timezone();
        JsonNode segment = node.get("segment");
        return new Scope(QuerySpecParser.range(node, path, zone), channels(), filters("filters"), zone,
                segment == null || segment.isNull() ? null : SegmentRef.parse(segment, name("segment"), zone));
    }

    public List<Filter> filters(String field) {
        List<Filter> out = new ArrayList<>();
        for (SpecReader f : objects(field)) {
            out.add(f.filter());
        }
        return out;
    }

    private Filter filter() {
        allowOnly(false, "field", "op", "value");
        FieldPath field = field("field");
        if (field == null) {
            throw WaymarkException.missing(name("field"));
        }
        return condition(field);
    }

    /** This object's {@code op} and {@code value} as a condition on {@code field}. */
    Filter condition(FieldPath field) {
        Filter.Op op = choice("op", Filter.Op.class, Filter.Op.EQ);
        JsonNode v = node.get("value");
        List<String> values = new ArrayList<>();
        double number = Double.NaN;
        switch (op) {
            case EXISTS, NOT_EXISTS -> {
                if (v != null && !v.isNull()) {
                    throw WaymarkException.invalid(name("value"), "'" + wire(op) + "' takes no value");
                }
            }
            case IN -> {
                if (v == null || !v.isArray() || v.isEmpty()) {
                    throw WaymarkException.invalid(name("value"), "'in' needs a non-empty array of values");
                }
                for (int i = 0; i < v.size(); i++) {
                    values.add(scalar(v.get(i), name("value") + "[" + i + "]"));
                }
            }
            case GT, GTE, LT, LTE -> {
                if (v == null || !v.isNumber()) {
                    throw WaymarkException.invalid(name("value"), "'" + wire(op) + "' needs a number");
                }
                number = v.asDouble();
            }
            default -> values.add(scalar(v, name("value")));
        }
        return new Filter(field, op, values, number);
    }

    static String scalar(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            throw WaymarkException.missing(field);
        }
        if (!v.isValueNode()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a string, number or boolean");
        }
        // Numbers compare by their JSON text, as engines read them ("12.5", "3").
        return v.isNumber() ? v.numberValue().toString() : v.asText();
    }

    private Set<Channel> channels() {
        JsonNode v = node.get("channel");
        if (v == null || v.isNull()) {
            return Set.of();
        }
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        for (JsonNode item : items) {
            Channel c = item.isTextual() ? Channel.fromWire(item.asText()) : null;
            if (c == null) {
                throw WaymarkException.invalid(name("channel"), "'" + name("channel") + "' must be a channel or a list of channels: "
                        + "web, app, email, social, ads, store, support, survey, other");
            }
            out.add(c);
        }
        return out;
    }

    ZoneId timezone() {
        String s = optionalString("timezone", null);
        if (s == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw WaymarkException.invalid(name("timezone"), "'" + name("timezone") + "' is not a time zone id like Europe/Berlin or UTC: " + s);
        }
    }
}
