package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.kernel.EventColumns;
import io.waymark.core.kernel.EventColumnsBuilder;
import io.waymark.core.kernel.RecommendationModel;
import io.waymark.core.kernel.RecommendationsResult;
import io.waymark.core.kernel.Recommender;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline evaluation of the recommender on demo data, leave-last-out: for every person who bought, the visit of their
 * last purchase (that purchase and the events up to 30 minutes apart before it, so the views that led to it do not give
 * it away) and everything after it are held out; the model is built on all remaining events; a hit at k is any
 * product of the held-out purchase among the top k. The popularity baseline (everybody's most bought items, less the
 * person's purchases) is scored on the same split in the same run. Other persons' later events stay in the training
 * data, as in the usual leave-one-out protocol.
 *
 * <p>{@code java … RecommendationEvaluation [persons=20000] [days=90] [seeds=1,2,3] [k=10]}
 */
public final class RecommendationEvaluation {
    static final Duration VISIT_GAP = Duration.ofMinutes(30);

    /** One run: purchasers evaluated and their hits at k, by the recommender and by popularity. */
    public record Figures(long seed, long events, int purchasers, int recommenderHits, int popularHits) {
        double recommenderRate() {
            return (double) recommenderHits / purchasers;
        }

        double popularRate() {
            return (double) popularHits / purchasers;
        }
    }

    private RecommendationEvaluation() {
    }

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        String seeds = args.length > 2 ? args[2] : "1,2,3";
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.out.printf("persons=%d days=%d k=%d%n", persons, days, k);
        System.out.println("| seed | events | purchasers | recommender hit rate @" + k + " | popularity hit rate @" + k + " | lift |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (String s : seeds.split(",")) {
            long started = System.nanoTime();
            Figures f = evaluate(persons, days, Long.parseLong(s.trim()), k);
            System.out.printf("| %d | %,d | %,d | %.4f (%,d) | %.4f (%,d) | %.2f× |   (%.1f s)%n", f.seed(), f.events(), f.purchasers(),
                    f.recommenderRate(), f.recommenderHits(), f.popularRate(), f.popularHits(), f.recommenderRate() / f.popularRate(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    public static Figures evaluate(int persons, int days, long seed, int k) {
        List<Event> events = DemoStore.events(persons, days, seed);
        Map<String, String> personOf = resolvePersons(events);
        Map<String, List<Event>> byPerson = new HashMap<>();
        for (Event e : events) {
            byPerson.computeIfAbsent(personOf.get(e.messageId()), p -> new ArrayList<>()).add(e);
        }
        List<Event> training = new ArrayList<>();
        Map<String, Set<String>> heldOut = new HashMap<>();
        for (var entry : byPerson.entrySet()) {
            List<Event> own = entry.getValue();
            own.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::messageId));
            int last = lastPurchase(own);
            if (last < 0) {
                training.addAll(own);
                continue;
            }
            int start = last;
            while (start > 0 && !own.get(start - 1).timestamp().plus(VISIT_GAP).isBefore(own.get(start).timestamp())) {
                start--;
            }
            training.addAll(own.subList(0, start));
            heldOut.put(entry.getKey(), products(own.get(last)));
        }
        EventColumns columns = EventColumnsBuilder.of(training, e -> personOf.get(e.messageId()));
        Recommender recommender = new Recommender(RecommendationModel.build(columns), columns);
        Map<String, Integer> index = new HashMap<>();
        for (int p = 0; p < columns.persons(); p++) {
            index.put(columns.personId(p), p);
        }
        int recommenderHits = 0;
        int popularHits = 0;
        for (var entry : heldOut.entrySet()) {
            int p = index.getOrDefault(entry.getKey(), -1);
            recommenderHits += hit(recommender.recommend(p, k, true, null), entry.getValue());
            popularHits += hit(recommender.popular(p, k, true), entry.getValue());
        }
        return new Figures(seed, events.size(), heldOut.size(), recommenderHits, popularHits);
    }

    private static int hit(RecommendationsResult r, Set<String> bought) {
        for (RecommendationsResult.Item i : r.items()) {
            if (bought.contains(i.itemId())) {
                return 1;
            }
        }
        return 0;
    }

    /** The index of the person's last purchase that names products, or -1. */
    private static int lastPurchase(List<Event> own) {
        for (int i = own.size() - 1; i >= 0; i--) {
            Event e = own.get(i);
            if (e.type() == EventType.TRACK && "purchase".equals(e.name()) && !products(e).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> products(Event purchase) {
        Set<String> out = new HashSet<>();
        JsonNode lines = purchase.properties().path("products");
        for (JsonNode l : lines) {
            if (l.path("productId").isTextual()) {
                out.add(l.get("productId").asText());
            }
        }
        return out;
    }

    /** Person ids as the store resolves identities (the same union-find as every query). */
    private static Map<String, String> resolvePersons(List<Event> events) {
        Map<String, String> out = new HashMap<>();
        try (DuckDbEventStore store = DuckDbEventStore.open(null)) {
            store.append(events);
            store.personMap().refresh();
            try (Connection c = store.newConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT message_id, person_id FROM events_resolved")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
