package io.waymark.core.kernel;

import java.util.List;

/**
 * Sessions of the persons in scope. Ratios and durations are null when there is no session
 * (no rate is not a rate of zero); durations are in seconds.
 */
public record SessionsResult(int gapMinutes, long sessions, long persons, Double bounceRate, Double avgDurationSeconds,
        Double medianDurationSeconds, Double pagesPerSession, List<ChannelRow> byChannel, List<LandingPage> landingPages,
        List<ExitPage> exitPages) {

    /** Sessions by the channel of their first event, most sessions first (then by channel name). */
    public record ChannelRow(String channel, long sessions, double bounceRate, double avgDurationSeconds) {
    }

    /** Sessions whose first page/screen view was {@code page}, most first (then by page). */
    public record LandingPage(String page, long sessions, double bounceRate) {
    }

    /** Sessions whose last page/screen view was {@code page} ({@code exits}) over all its views in all sessions. */
    public record ExitPage(String page, long views, long exits, double exitRate) {
    }
}
