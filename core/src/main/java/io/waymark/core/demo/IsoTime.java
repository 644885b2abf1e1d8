package io.waymark.core.demo;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. {@link java.time.Instant#toString()}
 * drops zero milliseconds, and a fixed width keeps the output uniform; this is also several times
 * faster than a {@link java.time.format.DateTimeFormatter} on the hot path.
 */
final class IsoTime {
    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private IsoTime() {
    }

    /** Years 0 to 9999 only, which {@link DemoConfig} guarantees. */
    static String format(long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY);
        int ms = (int) Math.floorMod(epochMillis, DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] c = new char[24];
        digits(c, 0, date.getYear(), 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, ms / (int) HOUR, 2);
        c[13] = ':';
        digits(c, 14, ms / (int) MINUTE % 60, 2);
        c[16] = ':';
        digits(c, 17, ms / (int) SECOND % 60, 2);
        c[19] = '.';
        digits(c, 20, ms % 1000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            c[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
