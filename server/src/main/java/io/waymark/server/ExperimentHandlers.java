package io.waymark.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.waymark.collector.Collector;
import io.waymark.collector.IngestResult;
import io.waymark.collector.SegmentProtocol;
import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.EventType;
import io.waymark.core.experiment.Experiment;
import io.waymark.store.ExperimentDecider;
import io.waymark.store.ExperimentRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The handlers of {@code /api/v1/experiments} and {@code /api/v1/decide} (routes are registered in {@link WaymarkServer}).
 * Serving a variant records a {@code $experiment_exposure} track event through the collector, durable before the
 * answer; its messageId is derived from (experiment, unit), so repeated decisions are one exposure.
 */
final class ExperimentHandlers {
    static final String EXPOSURE = "$experiment_exposure";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ExperimentRepository experiments;
    private final ExperimentDecider decider;
    private final Collector collector;
    private final WriteKeys writeKeys;
    private final Clock clock;

    ExperimentHandlers(Collector collector, WriteKeys writeKeys, Clock clock) {
        this.experiments = new ExperimentRepository(collector.store());
        this.decider = new ExperimentDecider(collector.store(), clock);
        this.collector = collector;
        this.writeKeys = writeKeys;
        this.clock = clock;
    }

    /** Saves an experiment; {@code ?start=true} starts it at once (else it is a draft until started). */
    void create(Context ctx) {
        boolean start = "true".equals(ctx.queryParam("start"));
        ctx.status(201).json(experiments.create(RequestBodies.readJson(ctx, MAX_BODY_BYTES).json(), start, clock.instant()));
    }

    void list(Context ctx) {
        ctx.json(Map.of("experiments", experiments.list()));
    }

    void get(Context ctx) {
        ctx.json(experiments.get(key(ctx)));
    }

    void start(Context ctx) {
        ctx.json(experiments.setStatus(key(ctx), ExperimentRepository.Status.RUNNING, clock.instant()));
    }

    void stop(Context ctx) {
        ctx.json(experiments.setStatus(key(ctx), ExperimentRepository.Status.STOPPED, clock.instant()));
    }

    /** {@code GET /api/v1/decide?key=…&userId=…|anonymousId=…}, authenticated by a source's write key (Basic or {@code writeKey}). */
    void decide(Context ctx) {
        String source = writeKeys.authenticate(ctx.header("Authorization"), ctx.queryParam("writeKey"));
        String key = ctx.queryParam("key");
        if (key == null || key.isEmpty()) {
            throw WaymarkException.missing("key");
        }
        String userId = blankToNull(ctx.queryParam("userId"));
        String anonymousId = blankToNull(ctx.queryParam("anonymousId"));
        ExperimentDecider.Decision d = decider.decide(key, userId, anonymousId);
        if (d.variant() != null) {
            recordExposure(source, ctx.ip(), key, d.variant(), userId, anonymousId);
        }
        ctx.json(d);
    }

    private void recordExposure(String source, String ip, String key, String variant, String userId, String anonymousId) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "track").put("event", EXPOSURE);
        m.put("messageId", "exposure:" + key + ":" + (userId != null ? "u:" + userId : "a:" + anonymousId));
        if (userId != null) {
            m.put("userId", userId);
        }
        if (anonymousId != null) {
            m.put("anonymousId", anonymousId);
        }
        m.putObject("properties").put("experiment", key).put("variant", variant);
        IngestResult r = collector.ingest(List.of(m), EventType.TRACK, new SegmentProtocol.Envelope(source, null, null, clock.instant(), ip));
        if (!r.rejected().isEmpty()) {
            var rej = r.rejected().get(0);
            throw WaymarkException.invalid(rej.field(), rej.message());
        }
    }

    private static String key(Context ctx) {
        return Experiment.key(ctx.pathParam("key"), "key");
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
