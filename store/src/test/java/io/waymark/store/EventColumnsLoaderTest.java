package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.kernel.EventColumns;
import io.waymark.core.kernel.EventColumnsBuilder;
import io.waymark.core.query.FieldPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the two ways to build event columns: read from DuckDB by
 * {@link EventColumnsLoader}, and built in memory by the core {@link EventColumnsBuilder} from the
 * same events with the same person map. Every kernel result rests on these agreeing.
 */
class EventColumnsLoaderTest {
    private static final List<FieldPath> FIELDS = List.of(FieldPath.parse("properties.category", "f"),
            FieldPath.parse("properties.price", "f"), FieldPath.PAGE_PATH, FieldPath.parse("context.device", "f"),
            FieldPath.parse("traits.plan", "f"), FieldPath.parse("properties.odd key", "f"));

    @Test
    void columnsFromDuckDbEqualColumnsBuiltFromTheSameEvents() throws Exception {
        List<Event> events = events(400, 5);
        try (var store = DuckDbEventStore.open(null)) {
            store.append(events);
            new PersonMapRefresher(store).refresh();
            Map<String, String> personOf = personMap(store);
            EventColumns fromDb = new EventColumnsLoader(store).load().columns();
            EventColumns inMemory = EventColumnsBuilder.of(events,
                    e -> e.userId() != null ? personOf.get("u:" + e.userId()) : personOf.get("a:" + e.anonymousId()));
            fromDb.prefetch(FIELDS.subList(0, 3));
            assertThat(fromDb.persons()).isEqualTo(inMemory.persons());
            assertThat(fromDb.rows()).isEqualTo(events.size());
            for (int p = 0; p < fromDb.persons(); p++) {
                assertThat(fromDb.personId(p)).isEqualTo(inMemory.personId(p));
                assertThat(fromDb.personStart(p)).isEqualTo(inMemory.personStart(p));
            }
            for (int r = 0; r < fromDb.rows(); r++) {
                assertThat(fromDb.micros(r)).as("row " + r).isEqualTo(inMemory.micros(r));
                assertThat(fromDb.eventKey(fromDb.event(r))).isEqualTo(inMemory.eventKey(inMemory.event(r)));
                assertThat(fromDb.eventCode(fromDb.eventKey(fromDb.event(r)))).as("one code per event key").isEqualTo(fromDb.event(r));
                assertThat(fromDb.type(r)).isEqualTo(inMemory.type(r));
                assertThat(fromDb.channel(r)).isEqualTo(inMemory.channel(r));
                assertThat(Double.valueOf(fromDb.revenue(r))).isEqualTo(Double.valueOf(inMemory.revenue(r)));
                for (FieldPath f : FIELDS) {
                    String expected = inMemory.field(f).value(r);
                    String actual = fromDb.field(f).value(r);
                    if (f.keys().get(0).equals("device") && expected != null) {
                        // objects come back as JSON text; compare them as JSON
                        assertThat(Json.MAPPER.readTree(actual)).isEqualTo(Json.MAPPER.readTree(expected));
                    } else {
                        assertThat(actual).as(f + " of row " + r).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aFieldLoadAfterNewDataRefusesAndTheCacheRebuilds() {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(events(20, 1));
            var persons = new PersonMapRefresher(store);
            persons.refresh();
            EventColumns old = new EventColumnsLoader(store).load().columns();
            store.append(events(3, 2));
            persons.refresh();
            assertThatThrownBy(() -> old.field(FIELDS.get(0))).isInstanceOf(EventColumnsLoader.StaleException.class);

            var cache = new EventColumnsCache(store, persons);
            int before = cache.with(EventColumns::rows);
            store.append(events(2, 3));
            int after = cache.with(c -> c.field(FIELDS.get(0)).rows());
            assertThat(after).isGreaterThan(before);
        }
    }

    private static Map<String, String> personMap(DuckDbEventStore store) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = store.newConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT is_user, identity, person_id FROM person_map")) {
            while (rs.next()) {
                out.put((rs.getBoolean(1) ? "u:" : "a:") + rs.getString(2), rs.getString(3));
            }
        }
        return out;
    }

    /** Anonymous visitors, some of whom identify; mixed types, channels, JSON values (text, numbers, objects, unicode). */
    static List<Event> events(int persons, long seed) {
        Random rnd = new Random(seed);
        List<Event> out = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String[] names = {"product_view", "add_to_cart", "purchase", "search"};
        String[] categories = {"shoes", "bags", "Ünïcødé ✓", ""};
        EventType[] types = {EventType.TRACK, EventType.TRACK, EventType.PAGE, EventType.SCREEN};
        int id = 0;
        for (int p = 0; p < persons; p++) {
            String anon = "a" + seed + "-" + p;
            String user = rnd.nextInt(3) == 0 ? "u" + seed + "-" + p : null;
            int n = 1 + rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                // same-instant events on purpose: ties are broken by messageId in every engine
                Instant at = start.plusSeconds(rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(30 * 86_400));
                boolean identified = user != null && i > n / 2;
                EventType type = identified && i == n / 2 + 1 ? EventType.IDENTIFY : types[rnd.nextInt(types.length)];
                ObjectNode props = Json.MAPPER.createObjectNode();
                ObjectNode context = Json.MAPPER.createObjectNode();
                ObjectNode traits = Json.MAPPER.createObjectNode();
                if (rnd.nextBoolean()) {
                    props.put("category", categories[rnd.nextInt(categories.length)]);
                }
                if (rnd.nextBoolean()) {
                    props.put("price", rnd.nextInt(2) == 0 ? rnd.nextInt(100) : rnd.nextInt(10000) / 100.0);
                }
                if (rnd.nextInt(4) == 0) {
                    props.put("revenue", rnd.nextInt(500));
                }
                if (rnd.nextInt(6) == 0) {
                    props.put("odd key", "x\"y");
                }
                if (rnd.nextBoolean()) {
                    context.putObject("page").put("path", "/p/" + rnd.nextInt(5));
                }
                if (rnd.nextBoolean()) {
                    context.putObject("device").put("type", rnd.nextBoolean() ? "mobile" : "desktop").put("n", rnd.nextInt(3));
                }
                if (type == EventType.IDENTIFY) {
                    traits.put("plan", rnd.nextBoolean() ? "pro" : "free");
                }
                String name = type == EventType.TRACK ? names[rnd.nextInt(names.length)] : type == EventType.PAGE ? (rnd.nextBoolean() ? "Home" : "Shop") : null;
                out.add(new Event(String.format("m%06d", id++), type, name, identified && rnd.nextBoolean() && type != EventType.IDENTIFY ? null : anon,
                        identified ? user : null, null, null, at, start, Channel.values()[rnd.nextInt(Channel.values().length)], "test",
                        context, props, traits));
            }
        }
        return out;
    }
}
