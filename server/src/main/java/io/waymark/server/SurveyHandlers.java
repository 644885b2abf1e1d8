package io.waymark.server;

import io.javalin.http.Context;
import io.waymark.core.survey.SurveyDefinition;
import io.waymark.store.SurveyRepository;
import java.time.Clock;
import java.util.Map;

/** The handlers of {@code /api/v1/surveys} (routes are registered in {@link WaymarkServer}). */
final class SurveyHandlers {
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final SurveyRepository surveys;
    private final Clock clock;

    SurveyHandlers(SurveyRepository surveys, Clock clock) {
        this.surveys = surveys;
        this.clock = clock;
    }

    void create(Context ctx) {
        var d = SurveyDefinition.parse(RequestBodies.readJson(ctx, MAX_BODY_BYTES).json(), null);
        ctx.status(201).json(surveys.create(d, clock.instant()));
    }

    void list(Context ctx) {
        ctx.json(Map.of("surveys", surveys.list()));
    }

    void get(Context ctx) {
        ctx.json(surveys.get(ctx.pathParam("id")));
    }

    void update(Context ctx) {
        String id = ctx.pathParam("id");
        surveys.get(id);
        ctx.json(surveys.update(SurveyDefinition.parse(RequestBodies.readJson(ctx, MAX_BODY_BYTES).json(), id), clock.instant()));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        surveys.delete(id);
        ctx.json(Map.of("success", true, "deleted", id));
    }

    /** What a survey widget or email renders, and the track call that records the answer. */
    void form(Context ctx) {
        ctx.json(surveys.get(ctx.pathParam("id")).form());
    }
}
