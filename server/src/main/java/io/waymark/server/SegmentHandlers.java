package io.waymark.server;

import io.javalin.http.Context;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.SegmentDefinition;
import io.waymark.core.query.SegmentRef;
import io.waymark.store.SegmentEngine;
import java.util.List;
import java.util.Map;

/** The handlers of {@code /api/v1/segments} (routes are registered in {@link WaymarkServer}). */
final class SegmentHandlers {
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final int MAX_PAGE = 10_000;

    private final SegmentEngine segments;

    SegmentHandlers(SegmentEngine segments) {
        this.segments = segments;
    }

    void create(Context ctx) {
        var d = SegmentDefinition.parse(RequestBodies.readJson(ctx, MAX_BODY_BYTES).json(), null);
        ctx.status(201).json(segments.create(d));
    }

    void list(Context ctx) {
        ctx.json(Map.of("segments", segments.repository().list()));
    }

    void get(Context ctx) {
        ctx.json(segments.repository().get(id(ctx)));
    }

    void update(Context ctx) {
        String id = id(ctx);
        segments.repository().get(id);
        ctx.json(segments.update(SegmentDefinition.parse(RequestBodies.readJson(ctx, MAX_BODY_BYTES).json(), id)));
    }

    void delete(Context ctx) {
        String id = id(ctx);
        segments.repository().get(id);
        segments.repository().delete(id);
        ctx.json(Map.of("success", true, "deleted", id));
    }

    void refresh(Context ctx) {
        ctx.json(segments.refresh(id(ctx)));
    }

    void members(Context ctx) {
        page(ctx, "members", (id, limit, offset) -> segments.repository().members(id, limit, offset));
    }

    void transitions(Context ctx) {
        page(ctx, "transitions", (id, limit, offset) -> segments.repository().transitions(id, limit, offset));
    }

    private interface Page {
        List<?> read(String id, int limit, int offset);
    }

    /** {@code {"segment", "limit", "offset", name: [...]}} for the {@code limit}/{@code offset} query parameters. */
    private void page(Context ctx, String name, Page page) {
        String id = id(ctx);
        segments.repository().get(id);
        int limit = intParam(ctx, "limit", 100, 1, MAX_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Map.of("segment", id, "limit", limit, "offset", offset, name, page.read(id, limit, offset)));
    }

    private static String id(Context ctx) {
        return SegmentRef.id(ctx.pathParam("id"), "id");
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error naming the parameter
        }
        throw WaymarkException.invalid(name, "'" + name + "' must be an integer from " + min + " to " + max);
    }
}
