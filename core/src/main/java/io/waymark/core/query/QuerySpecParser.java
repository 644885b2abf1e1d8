package io.waymark.core.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/** Validates a JSON spec into a {@link QuerySpec}; every error names the offending field. */
public final class QuerySpecParser {
    public static final java.util.List<String> KINDS = java.util.List.of("summary", "profile", "persons", "trend", "funnel", "sessions", "stages", "retention", "paths", "attribution", "kpis", "clv", "segment", "experiment", "personas", "recommendations", "surveys");

    public QuerySpec parse(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "spec is not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node);
    }

    public QuerySpec parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw WaymarkException.invalid("$", "spec must be a JSON object");
        }
        JsonNode kind = node.get("kind");
        if (kind == null || kind.isNull()) {
            throw WaymarkException.missing("kind");
        }
        if (!kind.isTextual()) {
            throw WaymarkException.invalid("kind", "'kind' must be a string");
        }
        return switch (kind.asText()) {
            case "summary" -> {
                allowOnly(node, Set.of("kind", "from", "to", "segment"));
                JsonNode segment = node.get("segment");
                yield new SummarySpec(range(node), segment == null || segment.isNull() ? null : SegmentRef.parse(segment, "segment", ZoneOffset.UTC));
            }
            case "profile" -> profile(node);
            case "persons" -> PersonSearchSpec.parse(new SpecReader(node, ""));
            case "trend" -> TrendSpec.parse(new SpecReader(node, ""));
            case "funnel" -> FunnelSpec.parse(new SpecReader(node, ""));
            case "sessions" -> SessionsSpec.parse(new SpecReader(node, ""));
            case "stages" -> StagesSpec.parse(new SpecReader(node, ""));
            case "retention" -> RetentionSpec.parse(new SpecReader(node, ""));
            case "paths" -> PathsSpec.parse(new SpecReader(node, ""));
            case "attribution" -> AttributionSpec.parse(new SpecReader(node, ""));
            case "kpis" -> KpiSpec.parse(new SpecReader(node, ""));
            case "clv" -> ClvSpec.parse(new SpecReader(node, ""));
            case "segment" -> SegmentSpec.parse(new SpecReader(node, ""));
            case "experiment" -> ExperimentSpec.parse(new SpecReader(node, ""));
            case "personas" -> PersonasSpec.parse(new SpecReader(node, ""));
            case "recommendations" -> RecommendationsSpec.parse(new SpecReader(node, ""));
            case "surveys" -> SurveysSpec.parse(new SpecReader(node, ""));
            default -> throw WaymarkException.invalid("kind", "unknown kind '" + kind.asText() + "'; known kinds: " + String.join(", ", KINDS));
        };
    }

    private static ProfileSpec profile(JsonNode node) {
        allowOnly(node, Set.of("kind", "userId", "anonymousId", "personId", "limit"));
        ProfileSpec.Lookup by = null;
        String id = null;
        for (var f : new String[] {"userId", "anonymousId", "personId"}) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw WaymarkException.invalid(f, "'" + f + "' must be a non-empty string");
            }
            if (by != null) {
                throw WaymarkException.invalid(f, "give only one of userId, anonymousId, personId");
            }
            by = ProfileSpec.Lookup.of(f);
            id = v.asText();
        }
        if (by == null) {
            throw WaymarkException.missing("userId");
        }
        int limit = ProfileSpec.DEFAULT_LIMIT;
        JsonNode l = node.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 1 || l.asInt() > ProfileSpec.MAX_LIMIT) {
                throw WaymarkException.invalid("limit", "'limit' must be an integer from 1 to " + ProfileSpec.MAX_LIMIT);
            }
            limit = l.asInt();
        }
        return new ProfileSpec(by, id, limit);
    }

    static TimeRange range(JsonNode node) {
        return range(node, "", ZoneOffset.UTC);
    }

    /** A date-only bound is local midnight in {@code zone}: a person giving dates means their own days. */
    static TimeRange range(JsonNode node, String path, java.time.ZoneId zone) {
        String prefix = path.isEmpty() ? "" : path + ".";
        Instant from = instant(node, "from", prefix, zone);
        Instant to = instant(node, "to", prefix, zone);
        if (from != null && to != null && !from.isBefore(to)) {
            throw WaymarkException.invalid(prefix + "to", "'to' must be after 'from'");
        }
        return new TimeRange(from, to);
    }

    /** Accepts an ISO date (midnight UTC) or an ISO instant. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    static Instant instant(JsonNode node, String key, String prefix, java.time.ZoneId zone) {
        JsonNode v = node.get(key);
        String field = prefix + key;
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be an ISO-8601 date or instant string");
        }
        String s = v.asText();
        Instant at;
        try {
            at = s.length() == 10 ? LocalDate.parse(s).atStartOfDay(zone).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw WaymarkException.invalid(field, "'" + field + "' is not an ISO-8601 date or instant: " + s);
        }
        // the range events can have (see SegmentProtocol); beyond it time arithmetic would overflow
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw WaymarkException.invalid(field, "'" + field + "' must lie within the years 1 to 9999");
        }
        return at;
    }

    private static void allowOnly(JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw WaymarkException.invalid(f, "unknown field '" + f + "' for kind '" + node.get("kind").asText() + "'");
            }
        }
    }
}
