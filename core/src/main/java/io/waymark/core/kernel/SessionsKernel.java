package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.event.EventType;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.SessionsSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts each person's interactions into sessions, following Google Analytics' session definition
 * (https://support.google.com/analytics/answer/2731565 and, for GA4, answer/9191807):
 * <ul>
 *   <li>Interactions are page, screen and track events. Identify, alias and group calls are not
 *       interactions, and neither is {@code email_sent} (a message the business sent, not something
 *       the person did): they neither start, extend nor count in a session. This is the visit rule
 *       of {@link Visits}, which attribution and the KPIs use.</li>
 *   <li>A new session starts when more than {@code gapMinutes} passed since the previous interaction
 *       (a gap of exactly {@code gapMinutes} continues the session, like the inclusive funnel window),
 *       or when an interaction carries a {@code context.campaign.source} different from the session's
 *       current source (the latest one seen in it, none at its start): as in GA, a new campaign starts a
 *       new session, while interactions without a source ("direct") never do.</li>
 *   <li>Sessions are not cut at midnight (GA4 behaviour), so the time zone does not matter.</li>
 *   <li>Only events in scope exist: a channel filter or a filter on properties sessionizes the
 *       remaining events alone.</li>
 * </ul>
 * Duration = last interaction time - first. A view is a page event (page = {@code context.page.path})
 * or a screen event (page = {@code properties.name}); a view without one is page {@value #NONE}.
 * Bounce = exactly one view and no track event. Landing/exit page = page of the first/last view.
 * The median is the mean of the two middle values for an even count, as DuckDB's {@code quantile_cont}.
 */
final class SessionsKernel implements PersonKernel<SessionsKernel.Acc, SessionsResult> {
    static final String NONE = "$none";
    private static final Channel[] CHANNELS = Channel.values();
    private static final double MICROS_PER_SECOND = 1e6;

    private final SessionsSpec spec;
    private final EventColumns columns;
    private final Visits visits;
    private final StringColumn path;
    private final StringColumn screenName;
    /** Page keys: paths first, then screen names, then {@value #NONE}; labels merge at the end. */
    private final int noneKey;

    SessionsKernel(SessionsSpec spec, EventColumns columns) {
        this.spec = spec;
        this.columns = columns;
        this.visits = new Visits(columns, spec.gapMinutes() * 60_000_000L);
        this.path = columns.field(FieldPath.PAGE_PATH);
        this.screenName = columns.field(SessionsSpec.SCREEN_NAME);
        this.noneKey = path.distinct() + screenName.distinct();
    }

    /** The session being built; one per accumulator, reused so the scan allocates nothing. */
    private static final class Visit {
        boolean open;
        long start;
        long last;
        int channel;
        int views;
        int tracks;
        int landing;
        int exit;
    }

    static final class Acc {
        final Visit visit = new Visit();
        /** Scratch: per event of the current person, the index of the first event of its session ({@link Visits}). */
        int[] starts = new int[64];
        long sessions;
        long persons;
        long bounces;
        long views;
        long durationSum;
        final LongList durations = new LongList();
        final long[] channelSessions = new long[CHANNELS.length];
        final long[] channelBounces = new long[CHANNELS.length];
        final long[] channelDurations = new long[CHANNELS.length];
        final long[] landings;
        final long[] landingBounces;
        final long[] pageViews;
        final long[] exits;

        Acc(int pageKeys) {
            landings = new long[pageKeys];
            landingBounces = new long[pageKeys];
            pageViews = new long[pageKeys];
            exits = new long[pageKeys];
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(noneKey + 1);
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        Visit v = acc.visit;
        v.open = false;
        int[] start = acc.starts = visits.starts(events, acc.starts);
        for (int i = 0; i < events.size(); i++) {
            if (start[i] < 0) {
                continue;
            }
            int row = events.row(i);
            long at = columns.micros(row);
            if (start[i] == i) {
                if (v.open) {
                    close(acc, v);
                }
                open(v, at, columns.channelOrdinal(row));
            }
            v.last = at;
            EventType type = columns.type(row);
            if (type == EventType.TRACK) {
                v.tracks++;
            } else {
                view(acc, v, pageKey(type, row));
            }
        }
        if (v.open) {
            close(acc, v);
            acc.persons++;
        }
    }

    private static void open(Visit v, long at, int channel) {
        v.open = true;
        v.start = at;
        v.channel = channel;
        v.views = 0;
        v.tracks = 0;
    }

    private static void view(Acc acc, Visit v, int key) {
        acc.pageViews[key]++;
        if (v.views++ == 0) {
            v.landing = key;
        }
        v.exit = key;
    }

    private int pageKey(EventType type, int row) {
        int code = type == EventType.PAGE ? path.code(row) : screenName.code(row);
        if (code == StringColumn.MISSING) {
            return noneKey;
        }
        return type == EventType.PAGE ? code : path.distinct() + code;
    }

    private static void close(Acc acc, Visit v) {
        long duration = v.last - v.start;
        boolean bounce = v.views == 1 && v.tracks == 0;
        int b = bounce ? 1 : 0;
        acc.sessions++;
        acc.bounces += b;
        acc.views += v.views;
        acc.durationSum += duration;
        acc.durations.add(duration);
        acc.channelSessions[v.channel]++;
        acc.channelBounces[v.channel] += b;
        acc.channelDurations[v.channel] += duration;
        if (v.views > 0) {
            acc.landings[v.landing]++;
            acc.landingBounces[v.landing] += b;
            acc.exits[v.exit]++;
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        into.sessions += later.sessions;
        into.persons += later.persons;
        into.bounces += later.bounces;
        into.views += later.views;
        into.durationSum += later.durationSum;
        into.durations.addAll(later.durations);
        Sums.add(into.channelSessions, later.channelSessions);
        Sums.add(into.channelBounces, later.channelBounces);
        Sums.add(into.channelDurations, later.channelDurations);
        Sums.add(into.landings, later.landings);
        Sums.add(into.landingBounces, later.landingBounces);
        Sums.add(into.pageViews, later.pageViews);
        Sums.add(into.exits, later.exits);
    }

    @Override
    public SessionsResult finish(Acc acc) {
        long n = acc.sessions;
        return new SessionsResult(spec.gapMinutes(), n, acc.persons,
                n == 0 ? null : (double) acc.bounces / n,
                n == 0 ? null : seconds(acc.durationSum) / n,
                acc.durations.median(MICROS_PER_SECOND),
                n == 0 ? null : (double) acc.views / n,
                byChannel(acc), landingPages(pages(acc)), exitPages(pages(acc)));
    }

    private static double seconds(long micros) {
        return micros / MICROS_PER_SECOND;
    }

    private static List<SessionsResult.ChannelRow> byChannel(Acc acc) {
        List<SessionsResult.ChannelRow> out = new ArrayList<>();
        for (int c = 0; c < CHANNELS.length; c++) {
            long s = acc.channelSessions[c];
            if (s > 0) {
                out.add(new SessionsResult.ChannelRow(CHANNELS[c].wireName(), s, (double) acc.channelBounces[c] / s,
                        seconds(acc.channelDurations[c]) / s));
            }
        }
        out.sort(Comparator.comparingLong((SessionsResult.ChannelRow r) -> -r.sessions()).thenComparing(SessionsResult.ChannelRow::channel));
        return out;
    }

    /** Counts per page label: landings, landing bounces, views, exits (a path and a screen name may share a label). */
    private Map<String, long[]> pages(Acc acc) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int key = 0; key <= noneKey; key++) {
            if (acc.pageViews[key] == 0) {
                continue;
            }
            long[] c = out.computeIfAbsent(label(key), k -> new long[4]);
            c[0] += acc.landings[key];
            c[1] += acc.landingBounces[key];
            c[2] += acc.pageViews[key];
            c[3] += acc.exits[key];
        }
        return out;
    }

    private String label(int key) {
        if (key == noneKey) {
            return NONE;
        }
        return key < path.distinct() ? path.valueOf(key) : screenName.valueOf(key - path.distinct());
    }

    private List<SessionsResult.LandingPage> landingPages(Map<String, long[]> pages) {
        return pages.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(spec.top())
                .map(e -> new SessionsResult.LandingPage(e.getKey(), e.getValue()[0], (double) e.getValue()[1] / e.getValue()[0]))
                .toList();
    }

    /** Pages that ended at least one session, most exits first (then by page). */
    private List<SessionsResult.ExitPage> exitPages(Map<String, long[]> pages) {
        return pages.entrySet().stream().filter(e -> e.getValue()[3] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[3]).thenComparing(Map.Entry::getKey))
                .limit(spec.top())
                .map(e -> new SessionsResult.ExitPage(e.getKey(), e.getValue()[2], e.getValue()[3],
                        (double) e.getValue()[3] / e.getValue()[2]))
                .toList();
    }
}
