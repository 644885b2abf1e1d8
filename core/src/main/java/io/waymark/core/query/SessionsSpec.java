package io.waymark.core.query;

import java.util.List;
import java.util.Set;

/**
 * {@code {"kind":"sessions","gapMinutes":30,"top":20}}: visits cut from each person's interactions
 * (page, screen and track events) after {@code gapMinutes} of inactivity or when the campaign source
 * changes, with bounce rate, durations, pages per session, a breakdown by channel and the {@code top}
 * landing and exit pages. See {@code io.waymark.core.kernel.SessionsKernel} for the exact rules.
 */
public record SessionsSpec(Scope scope, int gapMinutes, int top) implements QuerySpec, AnalysisSpec {
    public static final int DEFAULT_GAP_MINUTES = 30;
    public static final int DEFAULT_TOP = 20;
    /**
     * The page of a screen view. Segment's top-level screen {@code name} is not a loadable event field,
     * so screens are named by {@code properties.name}, where analytics.js also copies a page's name.
     */
    public static final FieldPath SCREEN_NAME = new FieldPath(FieldPath.Root.PROPERTIES, List.of("name"));

    @Override
    public String kind() {
        return "sessions";
    }

    @Override
    public Set<FieldPath> fields() {
        return Set.of(FieldPath.PAGE_PATH, FieldPath.CAMPAIGN_SOURCE, SCREEN_NAME);
    }

    static SessionsSpec parse(SpecReader r) {
        r.allowOnly(true, "gapMinutes", "top");
        return new SessionsSpec(r.scope(), r.integer("gapMinutes", 1, 1440, DEFAULT_GAP_MINUTES), r.integer("top", 1, 500, DEFAULT_TOP));
    }
}
