package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every message must pass as a Segment-spec message from a real client library. */
class DemoMessageFormatTest {
    private static final Set<String> TYPES = Set.of("track", "page", "screen", "identify", "alias");
    private static final Set<String> CHANNELS = Set.of("web", "app", "email", "social", "ads", "store", "support", "survey", "other");
    private static final Set<String> DEVICE_TYPES = Set.of("desktop", "mobile", "tablet");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final DemoSample SAMPLE = DemoSample.STANDARD;

    @Test
    void everyMessageHasTheFieldsOfItsType() {
        List<String> problems = new ArrayList<>();
        SAMPLE.messages().forEach(m -> {
            String problem = problem(m);
            if (problem != null && problems.size() < 10) {
                problems.add(problem + ": " + m);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void messageIdsAreUniqueAndNumberedInOutputOrder() {
        Set<String> ids = new HashSet<>();
        long[] n = {0};
        SAMPLE.messages().forEach(m -> {
            String id = m.get("messageId").asText();
            if (!id.equals("demo-" + SAMPLE.config.seed() + "-" + n[0]++) || !ids.add(id)) {
                throw new AssertionError("unexpected or repeated messageId " + id);
            }
        });
        assertThat(ids).hasSizeGreaterThan(50_000);
    }

    @Test
    void eachPersonsMessagesAreInTimeOrderWithinTheWindow() {
        long start = DemoSample.END.minusSeconds(90L * 86_400).toEpochMilli();
        long end = DemoSample.END.toEpochMilli();
        for (int p = 0; p < SAMPLE.persons.size(); p++) {
            List<ObjectNode> person = SAMPLE.persons.get(p);
            assertThat(person).isNotEmpty();
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < person.size(); i++) {
                long t = SAMPLE.time(p, i);
                if (t < previous || t < start || t >= end) {
                    throw new AssertionError("out of order or outside the window: " + person.get(i));
                }
                previous = t;
            }
        }
    }

    @Test
    void touchpointsOutsideWebAndAppNameTheirChannel() {
        assertChannel("purchase", "store", true);
        assertChannel("support_ticket", "support", false);
        assertChannel("survey_response", "survey", false);
        assertChannel("email_sent", "email", false);
        assertChannel("email_open", "email", false);
        assertChannel("email_click", "email", false);
        assertChannel("delivery", "other", false);
    }

    /** Every event of the named kind has that channel (or, for partial=true, some of them do). */
    private static void assertChannel(String event, String channel, boolean partial) {
        List<String> channels = SAMPLE.track(event).map(m -> m.path("context").path("channel").asText("")).toList();
        assertThat(channels).as(event).isNotEmpty();
        if (partial) {
            assertThat(channels).as(event).contains(channel);
        } else {
            assertThat(channels).as(event).containsOnly(channel);
        }
    }

    private static String problem(ObjectNode m) {
        String type = m.path("type").asText(null);
        if (!TYPES.contains(type)) {
            return "bad type";
        }
        if (!m.path("messageId").isTextual()) {
            return "no messageId";
        }
        String ts = m.path("timestamp").asText("");
        if (!TIMESTAMP.matcher(ts).matches()) {
            return "bad timestamp";
        }
        try {
            Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return "unparsable timestamp";
        }
        if (!m.path("anonymousId").isTextual() && !m.path("userId").isTextual()) {
            return "neither anonymousId nor userId";
        }
        JsonNode context = m.path("context");
        if (!context.isObject() || !context.path("library").path("name").isTextual()) {
            return "no context.library.name";
        }
        if (context.has("channel") && !CHANNELS.contains(context.get("channel").asText())) {
            return "unknown channel";
        }
        if (context.has("device") && !DEVICE_TYPES.contains(context.path("device").path("type").asText())) {
            return "bad device type";
        }
        if (context.has("campaign") && !(context.path("campaign").path("source").isTextual()
                && context.path("campaign").path("medium").isTextual() && context.path("campaign").path("name").isTextual())) {
            return "incomplete campaign";
        }
        return switch (type) {
            case "track" -> m.path("event").isTextual() && m.path("properties").isObject() ? null : "track without event/properties";
            case "page" -> m.path("name").isTextual() && m.path("properties").path("path").isTextual()
                    && context.path("page").path("url").isTextual() && context.path("library").path("name").asText().equals("analytics.js")
                    && context.path("userAgent").isTextual() ? null : "incomplete page";
            case "screen" -> m.path("name").isTextual() && context.path("app").isObject()
                    && context.path("library").path("name").asText().startsWith("analytics-") ? null : "incomplete screen";
            case "identify" -> m.path("traits").isObject() && m.path("traits").size() > 0 ? null : "identify without traits";
            case "alias" -> m.path("previousId").isTextual() && m.path("userId").isTextual()
                    && !m.path("previousId").asText().equals(m.path("userId").asText()) ? null : "bad alias";
            default -> "unexpected type";
        };
    }
}
