package io.waymark.activation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours in the person's own time zone when marketing messages wait (delayed to the end of the quiet period, never
 * dropped). {@code start} after {@code end} spans midnight (21:00–08:00); equal times switch quiet hours off.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    /** When a message due at {@code now} may go out: null when it may go now, else the end of the quiet period. */
    public Instant nextAllowed(Instant now, ZoneId zone) {
        if (start.equals(end)) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        boolean overnight = start.isAfter(end);
        if (overnight ? !t.isBefore(start) : !t.isBefore(start) && t.isBefore(end)) {
            return ZonedDateTime.of(overnight ? day.plusDays(1) : day, end, zone).toInstant();
        }
        if (overnight && t.isBefore(end)) {
            return ZonedDateTime.of(day, end, zone).toInstant();
        }
        return null;
    }
}
