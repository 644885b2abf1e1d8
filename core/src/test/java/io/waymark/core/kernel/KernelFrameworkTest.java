package io.waymark.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.Filter;
import io.waymark.core.query.Period;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.Scope;
import io.waymark.core.query.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelFrameworkTest {

    @Test
    void localCalendarAgreesWithJavaTimeAcrossDaylightSavingChanges() {
        for (String zone : List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC")) {
            ZoneId z = ZoneId.of(zone);
            LocalCalendar cal = new LocalCalendar(z);
            Random rnd = new Random(7);
            long t = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
            for (int i = 0; i < 20_000; i++) {
                // Mostly forward in time, as kernels scan, with occasional jumps back.
                t += rnd.nextInt(10) == 0 ? -rnd.nextInt(86_400_000) * 1_000L : rnd.nextInt(3_600_000) * 1_000L;
                LocalDate expected = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L)).atZone(z).toLocalDate();
                assertThat(cal.epochDay(t)).as(zone + " at " + t).isEqualTo(expected.toEpochDay());
            }
        }
    }

    @Test
    void periodsRoundTripAndWeeksStartOnMonday() {
        for (long day = -800; day < 800; day++) {
            LocalDate d = LocalDate.ofEpochDay(day);
            for (Period p : Period.values()) {
                LocalDate start = p.start(p.index(day));
                assertThat(start).isBeforeOrEqualTo(d);
                assertThat(p.index(start.toEpochDay())).isEqualTo(p.index(day));
                assertThat(p.index(start.toEpochDay() - 1)).isEqualTo(p.index(day) - 1);
            }
            assertThat(Period.WEEK.start(Period.WEEK.index(day)).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(Period.MONTH.start(Period.MONTH.index(day))).isEqualTo(d.withDayOfMonth(1));
        }
    }

    @Test
    void resultsDoNotDependOnPartitioning() {
        EventColumns columns = EventColumnsBuilder.of(randomEvents(300, 11), Event::userId);
        var spec = (io.waymark.core.query.TrendSpec) new QuerySpecParser().parse(
                "{\"kind\":\"trend\",\"event\":\"buy\",\"measure\":\"persons\",\"breakdown\":\"channel\",\"top\":3}");
        var whole = KernelRunner.run(columns, spec.scope(), null, new TrendKernel(spec, columns), Integer.MAX_VALUE);
        for (int size : new int[] {1, 7, 64}) {
            var split = KernelRunner.run(columns, spec.scope(), null, new TrendKernel(spec, columns), size);
            assertThat(split.result()).isEqualTo(whole.result());
            assertThat(split.events()).isEqualTo(whole.events());
            assertThat(split.persons()).isEqualTo(whole.persons());
        }
    }

    @Test
    void scopeSelectsRowsByRangeChannelAndFilters() {
        List<Event> events = randomEvents(50, 3);
        EventColumns columns = EventColumnsBuilder.of(events, Event::userId);
        Instant from = Instant.parse("2026-01-03T00:00:00Z");
        Instant to = Instant.parse("2026-01-06T00:00:00Z");
        Filter cheap = new Filter(FieldPath.parse("properties.price", "f"), Filter.Op.LT, List.of(), 50);
        Scope scope = new Scope(new TimeRange(from, to), Set.of(Channel.WEB, Channel.EMAIL), List.of(cheap), ZoneOffset.UTC);
        long expected = events.stream().filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to))
                .filter(e -> e.channel() == Channel.WEB || e.channel() == Channel.EMAIL)
                .filter(e -> e.properties().has("price") && e.properties().get("price").asDouble() < 50).count();
        var run = KernelRunner.run(columns, scope, new CountingKernel());
        assertThat(run.events()).isEqualTo(expected).isPositive();
        assertThat(run.result()).isEqualTo(expected);
    }

    /** Counts events and checks each person's events arrive in time order. */
    private static final class CountingKernel implements PersonKernel<long[], Long> {
        @Override
        public long[] newAccumulator() {
            return new long[1];
        }

        @Override
        public void person(long[] acc, PersonEvents events) {
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.micros(i)).isGreaterThanOrEqualTo(events.micros(i - 1));
            }
            acc[0] += events.size();
        }

        @Override
        public void merge(long[] into, long[] later) {
            into[0] += later[0];
        }

        @Override
        public Long finish(long[] acc) {
            return acc[0];
        }
    }

    static List<Event> randomEvents(int persons, long seed) {
        Random rnd = new Random(seed);
        List<Event> out = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String[] names = {"view", "cart", "buy"};
        Channel[] channels = {Channel.WEB, Channel.APP, Channel.EMAIL, Channel.STORE};
        for (int p = 0; p < persons; p++) {
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                ObjectNode props = Json.MAPPER.createObjectNode();
                if (rnd.nextBoolean()) {
                    props.put("price", rnd.nextInt(100));
                }
                out.add(new Event("m" + p + "-" + i, EventType.TRACK, names[rnd.nextInt(3)], null, "u" + p, null, null,
                        start.plusSeconds(rnd.nextInt(10 * 86_400)), start, channels[rnd.nextInt(4)], "test",
                        Json.MAPPER.createObjectNode(), props, Json.MAPPER.createObjectNode()));
            }
        }
        return out;
    }
}
