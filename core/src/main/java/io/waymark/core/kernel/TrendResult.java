package io.waymark.core.kernel;

import java.util.List;

/** One series per breakdown value (one series with key null without a breakdown); points cover every period, zeros included. */
public record TrendResult(String event, String interval, String measure, List<String> periods, List<Series> series) {
    public record Series(String key, double total, List<Point> points) {
    }

    public record Point(String period, double value) {
    }
}
