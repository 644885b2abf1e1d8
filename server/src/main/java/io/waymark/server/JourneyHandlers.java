package io.waymark.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.waymark.activation.InAppChannel;
import io.waymark.activation.JourneyTemplates;
import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.experiment.Experiment;
import io.waymark.core.query.ProfileSpec;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.InAppMessages;
import io.waymark.store.JourneyRepository;
import io.waymark.store.JourneyStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The handlers of {@code /api/v1/journeys}, {@code /api/v1/journey-templates} and the in-app {@code /api/v1/messages}
 * routes (registered in {@link WaymarkServer}). Bodies are journey definitions as {@code JourneyParser} reads them.
 */
final class JourneyHandlers {
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final JourneyRepository journeys;
    private final JourneyStats stats;
    private final InAppMessages messages;
    private final WriteKeys writeKeys;
    private final Clock clock;

    JourneyHandlers(DuckDbEventStore store, WriteKeys writeKeys, Clock clock) {
        this.journeys = new JourneyRepository(store);
        this.stats = new JourneyStats(store);
        this.messages = new InAppMessages(store);
        this.writeKeys = writeKeys;
        this.clock = clock;
    }

    /** The channels journeys can send on, by name: the one place they are registered. */
    static Map<String, io.waymark.activation.Channel> channels(DuckDbEventStore store, Clock clock, List<io.waymark.activation.Channel> extra) {
        Map<String, io.waymark.activation.Channel> out = new java.util.HashMap<>();
        out.put(InAppChannel.NAME, new InAppChannel(new InAppMessages(store), clock));
        extra.forEach(c -> out.put(c.name(), c));
        return out;
    }

    void templates(Context ctx) {
        ctx.json(Map.of("templates", JourneyTemplates.all()));
    }

    /** A definition, or {@code {"template":"cart_abandonment", …}}: the template's definition with the given fields over it. */
    void create(Context ctx) {
        ctx.status(201).json(JourneyViews.view(journeys.create(JourneyTemplates.resolve(RequestBodies.readJson(ctx, MAX_BODY_BYTES).json()), clock.instant()), true));
    }

    void list(Context ctx) {
        var counts = stats.counts();
        List<ObjectNode> out = new ArrayList<>();
        for (JourneyRepository.Saved s : journeys.list()) {
            ObjectNode v = JourneyViews.view(s, false);
            v.set("counts", Json.MAPPER.valueToTree(counts.getOrDefault(s.key(), new JourneyStats.Counts(0, 0, 0))));
            out.add(v);
        }
        ctx.json(Map.of("journeys", out));
    }

    void get(Context ctx) {
        String key = key(ctx);
        ObjectNode v = JourneyViews.view(journeys.get(key), true);
        v.set("versions", Json.MAPPER.valueToTree(journeys.versions(key)));
        ctx.json(v);
    }

    void update(Context ctx) {
        ctx.json(JourneyViews.view(journeys.update(key(ctx), RequestBodies.readJson(ctx, MAX_BODY_BYTES).json(), clock.instant()), true));
    }

    void delete(Context ctx) {
        journeys.delete(key(ctx));
        ctx.status(204);
    }

    void start(Context ctx) {
        ctx.json(JourneyViews.view(journeys.setStatus(key(ctx), JourneyRepository.Status.RUNNING, clock.instant()), true));
    }

    void stop(Context ctx) {
        ctx.json(JourneyViews.view(journeys.setStatus(key(ctx), JourneyRepository.Status.STOPPED, clock.instant()), true));
    }

    void stats(Context ctx) {
        ctx.json(stats.stats(journeys.get(key(ctx)).journey()));
    }

    /** {@code GET /api/v1/messages?userId=…|anonymousId=…}, authenticated by a write key like {@code /api/v1/decide}. */
    void messages(Context ctx) {
        writeKeys.authenticate(ctx.header("Authorization"), ctx.queryParam("writeKey"));
        String userId = ctx.queryParam("userId");
        String anonymousId = ctx.queryParam("anonymousId");
        if ((userId == null || userId.isEmpty()) && (anonymousId == null || anonymousId.isEmpty())) {
            throw WaymarkException.missing("userId");
        }
        ctx.json(Map.of("messages", userId != null && !userId.isEmpty()
                ? messages.pending(ProfileSpec.Lookup.USER_ID, userId) : messages.pending(ProfileSpec.Lookup.ANONYMOUS_ID, anonymousId)));
    }

    void seen(Context ctx) {
        writeKeys.authenticate(ctx.header("Authorization"), ctx.queryParam("writeKey"));
        messages.seen(ctx.pathParam("id"), clock.instant());
        ctx.json(Map.of("success", true));
    }

    private static String key(Context ctx) {
        return Experiment.key(ctx.pathParam("key"), "key");
    }
}
