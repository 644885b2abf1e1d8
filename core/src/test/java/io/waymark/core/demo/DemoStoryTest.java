package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The planted truths later analyses rely on, measured from the generated messages only. */
class DemoStoryTest {
    private static final DemoSample SAMPLE = DemoSample.STANDARD;
    private static final long DAY = 86_400_000L;

    @Test
    void everyPersonCarriesAPlantedPersonaWithItsShare() {
        Map<String, Integer> counts = new TreeMap<>();
        for (List<ObjectNode> person : SAMPLE.persons) {
            ObjectNode first = person.get(0);
            assertThat(first.get("type").asText()).isEqualTo("identify");
            assertThat(first.has("userId")).isFalse();
            counts.merge(DemoSample.persona(person), 1, Integer::sum);
        }
        double n = SAMPLE.persons.size();
        assertThat(counts).containsOnlyKeys("bargain_hunter", "loyal_regular", "window_shopper", "gift_buyer", "b2b_bulk");
        assertThat(counts.get("bargain_hunter") / n).isCloseTo(0.30, within(0.03));
        assertThat(counts.get("loyal_regular") / n).isCloseTo(0.20, within(0.03));
        assertThat(counts.get("window_shopper") / n).isCloseTo(0.30, within(0.03));
        assertThat(counts.get("gift_buyer") / n).isCloseTo(0.12, within(0.03));
        assertThat(counts.get("b2b_bulk") / n).isCloseTo(0.08, within(0.03));
    }

    @Test
    void personaIsNotGivenAwayOutsideIdentifyTraits() {
        assertThat(SAMPLE.messages().filter(m -> !m.get("type").asText().equals("identify"))
                .filter(m -> m.findValue("plantedPersona") != null).findFirst()).isEmpty();
    }

    @Test
    void personasBehaveDifferently() {
        Map<String, double[]> orders = new TreeMap<>(); // persona -> {orders, revenue, units, coupons}
        Map<String, double[]> devices = new TreeMap<>(); // persona -> {views, mobile views}
        for (List<ObjectNode> person : SAMPLE.persons) {
            String persona = DemoSample.persona(person);
            double[] o = orders.computeIfAbsent(persona, k -> new double[4]);
            double[] d = devices.computeIfAbsent(persona, k -> new double[2]);
            for (ObjectNode m : person) {
                if (m.path("event").asText().equals("purchase")) {
                    o[0]++;
                    o[1] += m.path("properties").path("revenue").asDouble();
                    for (JsonNode line : m.path("properties").path("products")) {
                        o[2] += line.path("quantity").asInt();
                    }
                    o[3] += m.path("properties").has("coupon") ? 1 : 0;
                }
                if (m.has("name") && (m.get("type").asText().equals("page") || m.get("type").asText().equals("screen"))) {
                    d[0]++;
                    d[1] += m.path("context").path("device").path("type").asText().equals("mobile") ? 1 : 0;
                }
            }
        }
        double people = SAMPLE.persons.size();
        // b2b buys in bulk, bargain hunters cheaply with coupons, window shoppers hardly buy
        assertThat(aov(orders, "b2b_bulk")).isGreaterThan(5 * aov(orders, "gift_buyer"));
        assertThat(aov(orders, "gift_buyer")).isGreaterThan(1.3 * aov(orders, "bargain_hunter"));
        assertThat(orders.get("b2b_bulk")[2] / orders.get("b2b_bulk")[0]).isGreaterThan(10);
        assertThat(orders.get("bargain_hunter")[3] / orders.get("bargain_hunter")[0])
                .isGreaterThan(2 * orders.get("loyal_regular")[3] / orders.get("loyal_regular")[0]);
        assertThat(perPerson(orders, "loyal_regular", people, 0.20)).isGreaterThan(5 * perPerson(orders, "window_shopper", people, 0.30));
        assertThat(devices.get("bargain_hunter")[1] / devices.get("bargain_hunter")[0]).isGreaterThan(0.6);
        assertThat(devices.get("b2b_bulk")[1] / devices.get("b2b_bulk")[0]).isLessThan(0.15);
    }

    private static double aov(Map<String, double[]> orders, String persona) {
        return orders.get(persona)[1] / orders.get(persona)[0];
    }

    private static double perPerson(Map<String, double[]> orders, String persona, double people, double share) {
        return orders.get(persona)[0] / (people * share);
    }

    @Test
    void mobileShippingStepIsSlowAndConvertsWorse() {
        Map<String, int[]> steps = new TreeMap<>(); // device type -> {shipping, payment}
        Map<String, List<Long>> loads = new TreeMap<>();
        SAMPLE.messages().forEach(m -> {
            String event = m.path("event").asText();
            String device = m.path("context").path("device").path("type").asText();
            if (event.equals("checkout_shipping")) {
                steps.computeIfAbsent(device, k -> new int[2])[0]++;
                loads.computeIfAbsent(device, k -> new ArrayList<>()).add(m.path("properties").path("loadTimeMs").asLong());
            } else if (event.equals("checkout_payment")) {
                steps.computeIfAbsent(device, k -> new int[2])[1]++;
            }
        });
        double mobile = (double) steps.get("mobile")[1] / steps.get("mobile")[0];
        double desktop = (double) steps.get("desktop")[1] / steps.get("desktop")[0];
        assertThat(steps.get("mobile")[0]).isGreaterThan(300);
        assertThat(steps.get("desktop")[0]).isGreaterThan(300);
        assertThat(mobile).isLessThan(0.6);
        assertThat(desktop).isGreaterThan(0.7);
        assertThat(median(loads.get("mobile"))).isGreaterThan(2_500);
        assertThat(median(loads.get("desktop"))).isLessThan(1_000);
    }

    @Test
    void surveyScoresDropAfterBadExperiencesAndDetractorsNameTheSlowCheckout() {
        double[] good = new double[2];
        double[] bad = new double[2];
        int detractors = 0;
        int mentionMobile = 0;
        for (int p = 0; p < SAMPLE.persons.size(); p++) {
            List<ObjectNode> person = SAMPLE.persons.get(p);
            List<Long> badTimes = new ArrayList<>();
            for (int i = 0; i < person.size(); i++) {
                ObjectNode m = person.get(i);
                String event = m.path("event").asText();
                long t = SAMPLE.time(p, i);
                if (event.equals("return") || event.equals("support_ticket")
                        || event.equals("checkout_shipping") && m.path("properties").path("loadTimeMs").asLong() >= 3_000) {
                    badTimes.add(t);
                }
                if (event.equals("survey_response") && m.path("properties").path("survey").asText().equals("nps")) {
                    int score = m.path("properties").path("score").asInt();
                    assertThat(score).isBetween(0, 10);
                    boolean afterBad = badTimes.stream().anyMatch(b -> b > t - 30 * DAY);
                    double[] bucket = afterBad ? bad : good;
                    bucket[0] += score;
                    bucket[1]++;
                    if (score <= 6) {
                        detractors++;
                        String comment = m.path("properties").path("comment").asText();
                        mentionMobile += comment.contains("phone") || comment.contains("mobile") ? 1 : 0;
                    }
                }
            }
        }
        assertThat(bad[1]).isGreaterThan(50);
        assertThat(good[1]).isGreaterThan(50);
        assertThat(bad[0] / bad[1]).isLessThan(good[0] / good[1] - 1.5);
        assertThat((double) mentionMobile / detractors).isGreaterThan(0.3);
    }

    @Test
    void eventsPerPersonAreInRangeWithALongTail() {
        List<Integer> sizes = new ArrayList<>();
        for (List<ObjectNode> person : SAMPLE.persons) {
            sizes.add(person.size());
        }
        Collections.sort(sizes);
        double mean = sizes.stream().mapToInt(Integer::intValue).average().orElseThrow();
        int median = sizes.get(sizes.size() / 2);
        int p99 = sizes.get(sizes.size() * 99 / 100);
        assertThat(mean).isBetween(20.0, 45.0);
        assertThat(p99).isGreaterThan(3 * median);
    }

    @Test
    void peopleBrowseAnonymouslyThenSomeIdentifyAndSomeNever() {
        int identified = 0;
        int multiDevice = 0;
        for (List<ObjectNode> person : SAMPLE.persons) {
            ObjectNode signup = person.stream().filter(m -> m.path("event").asText().equals("signup")).findFirst().orElse(null);
            if (signup == null) {
                assertThat(person.stream().noneMatch(m -> m.has("userId"))).isTrue();
                continue;
            }
            identified++;
            assertThat(person.get(0).has("userId")).isFalse();
            String userId = signup.get("userId").asText();
            boolean identifyWithTraits = person.stream().anyMatch(m -> m.get("type").asText().equals("identify")
                    && userId.equals(m.path("userId").asText(null)) && m.path("traits").path("email").isTextual()
                    && m.path("traits").path("plantedPersona").isTextual());
            assertThat(identifyWithTraits).as("sign-up identify of %s", userId).isTrue();
            long anonymousIds = person.stream().filter(m -> m.has("userId") && m.has("anonymousId"))
                    .map(m -> m.get("anonymousId").asText()).distinct().count();
            multiDevice += anonymousIds > 1 ? 1 : 0;
        }
        double share = (double) identified / SAMPLE.persons.size();
        assertThat(share).isBetween(0.5, 0.75);
        assertThat(multiDevice).isGreaterThan(identified / 10);
        assertThat(SAMPLE.messages().filter(m -> m.get("type").asText().equals("alias")).count()).isPositive();
    }

    @Test
    void somePeopleStopComingBackWhileRegularsReturn() {
        long end = DemoSample.END.toEpochMilli();
        int early = 0;
        int gone = 0;
        for (int p = 0; p < SAMPLE.persons.size(); p++) {
            List<ObjectNode> person = SAMPLE.persons.get(p);
            long first = SAMPLE.time(p, 0);
            if (first > end - 60 * DAY) {
                continue;
            }
            early++;
            long lastVisit = first;
            for (int i = 0; i < person.size(); i++) {
                String type = person.get(i).get("type").asText();
                if (type.equals("page") || type.equals("screen")) {
                    lastVisit = SAMPLE.time(p, i);
                }
            }
            gone += lastVisit < end - 30 * DAY ? 1 : 0;
        }
        assertThat((double) gone / early).isBetween(0.3, 0.9);
        long repeatBuyers = SAMPLE.persons.stream()
                .filter(p -> p.stream().filter(m -> m.path("event").asText().equals("purchase")).count() >= 3).count();
        assertThat(repeatBuyers).isGreaterThan(SAMPLE.persons.size() / 50);
    }

    @Test
    void firstVisitsHaveAnAcquisitionSource() {
        int firstVisitsWithSource = 0;
        for (List<ObjectNode> person : SAMPLE.persons) {
            ObjectNode landing = person.stream().filter(m -> m.get("type").asText().matches("page|screen"))
                    .findFirst().orElseThrow();
            JsonNode context = landing.path("context");
            if (context.has("campaign") || context.path("page").has("referrer")) {
                firstVisitsWithSource++;
            }
        }
        // direct visits carry no source; the rest are campaigns, search or referrals
        assertThat((double) firstVisitsWithSource / SAMPLE.persons.size()).isGreaterThan(0.8);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Comments tell the scores' story to a lexicon analyser: detractors' comments read negative, promoters' positive, tickets negative on average. */
    @Test
    void commentsAndTicketsReadAsTheirScoresToVader() {
        var vader = io.waymark.core.sentiment.SentimentAnalyzer.vader();
        double[] detractors = new double[2];
        double[] promoters = new double[2];
        double[] tickets = new double[2];
        SAMPLE.messages().forEach(m -> {
            String event = m.path("event").asText();
            double[] bucket = null;
            if (event.equals("support_ticket")) {
                bucket = tickets;
            } else if (event.equals("survey_response") && m.path("properties").path("survey").asText().equals("nps")) {
                int score = m.path("properties").path("score").asInt();
                bucket = score <= 6 ? detractors : score >= 9 ? promoters : null;
            }
            if (bucket != null) {
                bucket[0] += vader.score(m.path("properties").path("comment").asText()).compound();
                bucket[1]++;
            }
        });
        assertThat(detractors[1]).isGreaterThan(50);
        assertThat(tickets[1]).isGreaterThan(50);
        assertThat(detractors[0] / detractors[1]).isLessThan(-0.15);
        assertThat(promoters[0] / promoters[1]).isGreaterThan(0.4);
        assertThat(tickets[0] / tickets[1]).isLessThan(-0.1);
    }
}
