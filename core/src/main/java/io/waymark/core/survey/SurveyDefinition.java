package io.waymark.core.survey;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.FeedbackFields;
import io.waymark.core.query.SpecReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A saved survey: {@code {"id":"nps-post_purchase","type":"nps|csat|ces|text","question":…,"followUp":…}}. Its
 * answers are {@code survey_response} track events whose {@code properties.surveyId} is the id and
 * {@code properties.survey} the type (see {@link FeedbackFields}), so the {@code surveys} query kind reads them
 * whether the survey is saved or not.
 *
 * @param followUp the free-text question after the score ("What is the main reason for your score?"), or null
 */
public record SurveyDefinition(String id, SurveyType type, String question, String followUp) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final int MAX_TEXT = 500;

    public static SurveyDefinition parse(JsonNode body, String pathId) {
        SpecReader r = new SpecReader(body, "");
        r.allowOnly(false, "id", "type", "question", "followUp");
        String id = r.optionalString("id", pathId);
        if (id == null) {
            throw WaymarkException.missing("id");
        }
        if (!ID.matcher(id).matches()) {
            throw WaymarkException.invalid("id", "'id' must be 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        if (pathId != null && !pathId.equals(id)) {
            throw WaymarkException.invalid("id", "'id' cannot change: the survey is '" + pathId + "'");
        }
        SurveyType type = r.choice("type", SurveyType.class, null);
        if (type == SurveyType.OTHER) {
            throw WaymarkException.invalid("type", "'type' must be nps, csat, ces or text");
        }
        return new SurveyDefinition(id, type, text(r, "question", true), text(r, "followUp", false));
    }

    private static String text(SpecReader r, String field, boolean required) {
        String v = required ? r.string(field) : r.optionalString(field, null);
        if (v != null && (v.isBlank() || v.length() > MAX_TEXT)) {
            throw WaymarkException.invalid(field, "'" + field + "' must be 1 to " + MAX_TEXT + " characters");
        }
        return v;
    }

    /**
     * What a client renders and sends back: the questions, the scale (null for text surveys) with its end labels, and
     * the track call that records an answer (score and comment filled in by the respondent).
     */
    public record Form(String surveyId, String type, String question, String followUp, Scale scale, Answer answer) {
    }

    public record Scale(int min, int max, String minLabel, String maxLabel) {
    }

    public record Answer(String type, String event, Map<String, Object> properties) {
    }

    public Form form() {
        Scale scale = switch (type) {
            case NPS -> new Scale(0, 10, "Not at all likely", "Extremely likely");
            case CSAT -> new Scale(1, 5, "Very unsatisfied", "Very satisfied");
            case CES -> new Scale(1, 7, "Strongly disagree", "Strongly agree");
            default -> null;
        };
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("survey", type.wire());
        properties.put("surveyId", id);
        if (scale != null) {
            properties.put("score", null);
        }
        properties.put("comment", null);
        return new Form(id, type.wire(), question, followUp, scale,
                new Answer("track", FeedbackFields.SURVEY_EVENT, properties));
    }
}
