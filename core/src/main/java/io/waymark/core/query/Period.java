package io.waymark.core.query;

import java.time.LocalDate;

/** A calendar bucket for retention and trends; weeks start on Monday (ISO 8601). */
public enum Period {
    DAY, WEEK, MONTH;

    /** The index of the bucket that contains local date {@code epochDay}; consecutive buckets have consecutive indexes. */
    public long index(long epochDay) {
        return switch (this) {
            case DAY -> epochDay;
            // 1970-01-01 was a Thursday, so Monday-based weeks start at epoch day -3 + 7k.
            case WEEK -> Math.floorDiv(epochDay + 3, 7);
            case MONTH -> {
                LocalDate d = LocalDate.ofEpochDay(epochDay);
                yield d.getYear() * 12L + d.getMonthValue() - 1;
            }
        };
    }

    /** The first local date of bucket {@code index}. */
    public LocalDate start(long index) {
        return switch (this) {
            case DAY -> LocalDate.ofEpochDay(index);
            case WEEK -> LocalDate.ofEpochDay(index * 7 - 3);
            case MONTH -> LocalDate.of((int) Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1, 1);
        };
    }
}
