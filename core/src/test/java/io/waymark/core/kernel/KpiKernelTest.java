package io.waymark.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.spend.SpendEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KpiKernelTest {
    /** The period of every test: [FROM, FROM + 10 days), previous period [FROM - 10 days, FROM). */
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final String SPEC = "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"churnDays\":30}";

    /** "person p1: purchase 80 at day 2, nps 10 at day 3", days relative to FROM (negative = before the period). */
    private static final class Fixture {
        final List<Event> events = new ArrayList<>();
        String person;

        Fixture person(String id) {
            person = id;
            return this;
        }

        Fixture purchase(Duration at, Double revenue, String campaign) {
            ObjectNode props = Json.MAPPER.createObjectNode();
            if (revenue != null) {
                props.put("revenue", revenue);
            }
            ObjectNode context = Json.MAPPER.createObjectNode();
            if (campaign != null) {
                context.putObject("campaign").put("name", campaign);
            }
            return add(at, "purchase", Channel.ADS, props, context);
        }

        Fixture purchaseOn(Duration at, double revenue, Channel channel) {
            return add(at, "purchase", channel, Json.MAPPER.createObjectNode().put("revenue", revenue), Json.MAPPER.createObjectNode());
        }

        /** A landing page view from a campaign: {@code context.campaign.name} and {@code source} set. */
        Fixture land(Duration at, Channel channel, String campaign, String source) {
            ObjectNode context = Json.MAPPER.createObjectNode();
            context.putObject("campaign").put("name", campaign).put("source", source);
            return add(at, EventType.PAGE, "Landing", channel, Json.MAPPER.createObjectNode(), context);
        }

        Fixture purchase(Duration at, double revenue) {
            return purchase(at, revenue, null);
        }

        Fixture survey(Duration at, String survey, double score) {
            return add(at, "survey_response", Channel.SURVEY, Json.MAPPER.createObjectNode().put("survey", survey).put("score", score),
                    Json.MAPPER.createObjectNode());
        }

        Fixture other(Duration at, EventType type, String name) {
            return add(at, type, name, Channel.WEB, Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode());
        }

        private Fixture add(Duration at, String name, Channel channel, ObjectNode props, ObjectNode context) {
            return add(at, EventType.TRACK, name, channel, props, context);
        }

        private Fixture add(Duration at, EventType type, String name, Channel channel, ObjectNode props, ObjectNode context) {
            Instant t = FROM.plus(at);
            events.add(new Event("m" + events.size(), type, name, null, person, null, null, t, t, channel, "test", context, props,
                    Json.MAPPER.createObjectNode()));
            return this;
        }

        EventColumns columns() {
            return EventColumnsBuilder.of(events, Event::userId);
        }
    }

    private static Duration day(double d) {
        return Duration.ofSeconds(Math.round(d * 86_400));
    }

    private static KpiResult run(Fixture f, String spec, List<SpendEntry> spend) {
        return (KpiResult) Analyses.run((KpiSpec) new QuerySpecParser().parse(spec), f.columns(), spend).result();
    }

    private static KpiResult.Kpi kpi(KpiResult r, String name) {
        return r.kpis().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theChurnWindowIncludesItsStartAndExcludesTheInstantItEnds() {
        Fixture f = new Fixture();
        f.person("exactly30DaysBefore").purchase(day(-30), 10);
        f.person("justOver30DaysBefore").purchase(day(-30).minusSeconds(1), 10);
        f.person("atFrom").purchase(day(0), 10);
        KpiResult r = run(f, SPEC, List.of());
        // active at FROM: a purchase in [FROM - 30d, FROM): only the first; "atFrom" is new in the period
        assertThat(kpi(r, "churn_rate").value()).isEqualTo(1.0); // its purchase is 40 days before the end
        assertThat(kpi(r, "new_customers").value()).isEqualTo(1.0);
        // S = {exactly30DaysBefore}, not active at the end: retention 0 / 1 (new customers do not enter it)
        assertThat(kpi(r, "customer_retention_rate").value()).isEqualTo(0.0);
    }

    @Test
    void visitorsArePersonsWithAPageScreenOrTrackEventOtherThanEmailSent() {
        Fixture f = new Fixture();
        f.person("page").other(day(1), EventType.PAGE, "Home");
        f.person("screen").other(day(1), EventType.SCREEN, "Home");
        f.person("track").other(day(1), EventType.TRACK, "signup");
        f.person("sent").other(day(1), EventType.TRACK, "email_sent").other(day(2), EventType.IDENTIFY, null);
        f.person("group").other(day(1), EventType.GROUP, null).other(day(2), EventType.ALIAS, null);
        f.person("buyer").other(day(1), EventType.TRACK, "email_sent").purchase(day(2), 10);
        f.events.sort(java.util.Comparator.comparing(Event::timestamp));
        KpiResult r = run(f, SPEC, List.of());
        assertThat(kpi(r, "visitors").value()).isEqualTo(4.0);
        assertThat(kpi(r, "conversion_rate").value()).isEqualTo(0.25);
    }

    @Test
    void retentionIsOneMinusChurnEvenForPeriodsLongerThanTheChurnWindowAndWithReactivations() {
        Fixture f = new Fixture();
        f.person("retained").purchase(day(-2), 10).purchase(day(9), 10);
        f.person("churned").purchase(day(-3), 10);
        f.person("newEarly").purchase(day(1), 10); // new, no longer active at the end with churnDays 5
        f.person("newEarly2").purchase(day(2), 10);
        f.person("reactivated").purchase(day(-40), 10).purchase(day(8), 10); // not in S
        KpiResult r = run(f, SPEC.replace("30", "5"), List.of());
        // S = {retained, churned}; the classic (E - N) / S would give (2 - 2) / 2 = 0 (E counts "reactivated")
        assertThat(kpi(r, "customer_retention_rate").value()).isEqualTo(0.5);
        assertThat(kpi(r, "churn_rate").value()).isEqualTo(0.5);
        Random random = new Random(11);
        Fixture g = new Fixture();
        for (int p = 0; p < 200; p++) {
            g.person("p" + p);
            for (int e = random.nextInt(5); e > 0; e--) {
                g.purchase(day(random.nextDouble() * 80 - 60), 1);
            }
        }
        g.events.sort(java.util.Comparator.comparing(Event::timestamp));
        for (String churnDays : List.of("3", "7", "30")) {
            KpiResult x = run(g, SPEC.replace("30", churnDays), List.of());
            for (boolean previous : new boolean[] {false, true}) {
                Double retention = previous ? kpi(x, "customer_retention_rate").previous() : kpi(x, "customer_retention_rate").value();
                Double churn = previous ? kpi(x, "churn_rate").previous() : kpi(x, "churn_rate").value();
                assertThat(retention).isBetween(0.0, 1.0);
                assertThat(retention + churn).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void historyBeforeThePeriodMakesRepeatPurchasersButNoOrders() {
        Fixture f = new Fixture();
        f.person("p1").purchase(day(-200), 10).purchase(day(1), 30);
        f.person("p2").purchase(day(2), 20);
        KpiResult r = run(f, SPEC, List.of());
        assertThat(kpi(r, "orders").value()).isEqualTo(2.0);
        assertThat(kpi(r, "revenue").value()).isEqualTo(50.0);
        assertThat(kpi(r, "repeat_purchase_rate").value()).isEqualTo(0.5);
        assertThat(kpi(r, "new_customers").value()).isEqualTo(1.0);
        assertThat(kpi(r, "visitors").previous()).isEqualTo(0.0);
    }

    @Test
    void anOrderWithoutRevenueCountsAsAnOrderOfZero() {
        Fixture f = new Fixture();
        f.person("p1").purchase(day(1), null, null).purchase(day(2), 30.0, null);
        KpiResult r = run(f, SPEC, List.of());
        assertThat(kpi(r, "orders").value()).isEqualTo(2.0);
        assertThat(kpi(r, "average_order_value").value()).isEqualTo(15.0);
    }

    @Test
    void npsAndCsatIgnoreAnswersOutsideTheirScale() {
        Fixture f = new Fixture();
        f.person("p1").survey(day(1), "nps", 10).survey(day(1.1), "nps", 7).survey(day(1.2), "nps", 11).survey(day(1.3), "nps", 6.5)
                .survey(day(1.4), "csat", 0).survey(day(1.5), "csat", 4).survey(day(1.6), "other", 10);
        KpiResult r = run(f, SPEC, List.of());
        assertThat(kpi(r, "nps").value()).isEqualTo(50.0); // one promoter, one passive
        assertThat(kpi(r, "csat").value()).isEqualTo(1.0);
    }

    @Test
    void spendCountsByItsDayInTheSpecTimeZone() {
        Fixture f = new Fixture();
        f.person("p1").purchase(day(1), 100.0, "spring");
        List<SpendEntry> spend = List.of(new SpendEntry(LocalDate.parse("2026-03-10"), Channel.ADS, "spring", 40, "EUR"),
                new SpendEntry(LocalDate.parse("2026-03-11"), Channel.ADS, "spring", 1000, "EUR"));
        KpiResult utc = run(f, SPEC, spend);
        assertThat(kpi(utc, "spend").value()).isEqualTo(40.0);
        assertThat(utc.byCampaign()).containsExactly(new KpiResult.CampaignRow("spring", 40, 100, 1, 2.5, 1.5, 1, 40.0));
        // With instant bounds [03-01T00Z, 03-11T00Z): in Berlin the spend day 03-11 starts at 03-10T23:00Z, inside them.
        String instants = SPEC.replace("\"2026-03-01\"", "\"2026-03-01T00:00:00Z\"").replace("\"2026-03-11\"", "\"2026-03-11T00:00:00Z\"");
        KpiResult berlin = run(f, instants.replace("}", ",\"timezone\":\"Europe/Berlin\"}"), spend);
        assertThat(kpi(berlin, "spend").value()).isEqualTo(1040.0);
        // Date bounds are local days, so the same dates in Berlin cover the same spend days as in UTC.
        KpiResult berlinDates = run(f, SPEC.replace("}", ",\"timezone\":\"Europe/Berlin\"}"), spend);
        assertThat(kpi(berlinDates, "spend").value()).isEqualTo(40.0);
    }

    @Test
    void ordersAndNewCustomersGoToTheChannelAndCampaignOfTheVisit() {
        Fixture f = new Fixture();
        // lands from the ad campaign, buys on the website 10 minutes later (same visit), then again 2 hours later (new visit)
        f.person("p1").land(day(1), Channel.ADS, "spring", "google").purchaseOn(day(1).plusMinutes(10), 50, Channel.WEB)
                .purchaseOn(day(1).plusMinutes(130), 20, Channel.WEB);
        List<SpendEntry> spend = List.of(new SpendEntry(LocalDate.parse("2026-03-05"), Channel.ADS, "spring", 10, "EUR"));
        KpiResult r = run(f, SPEC, spend);
        // ads: spend 10, revenue 50, 1 order, roas 50 / 10 = 5, roi (50 - 10) / 10 = 4, 1 new customer, cac 10 / 1
        // web: the second purchase starts a visit of its own (gap 120 min > 30), without spend or campaign
        assertThat(r.byChannel()).containsExactly(new KpiResult.ChannelRow("ads", 10, 50, 1, 5.0, 4.0, 1, 10.0),
                new KpiResult.ChannelRow("web", 0, 20, 1, null, null, 0, null));
        assertThat(r.byCampaign()).containsExactly(new KpiResult.CampaignRow("spring", 10, 50, 1, 5.0, 4.0, 1, 10.0));
        assertThat(kpi(r, "orders").value()).isEqualTo(2.0);
        assertThat(kpi(r, "new_customers").value()).isEqualTo(1.0);
    }

    @Test
    void resultsDoNotDependOnPartitioning() {
        Random random = new Random(7);
        Fixture f = new Fixture();
        for (int p = 0; p < 300; p++) {
            f.person("p" + p);
            for (int e = random.nextInt(6); e > 0; e--) {
                double at = random.nextDouble() * 60 - 45;
                if (random.nextBoolean()) {
                    f.purchase(day(at), (Double) (Math.round(random.nextDouble() * 10_000) / 100.0), random.nextBoolean() ? "c" + random.nextInt(3) : null);
                } else {
                    f.survey(day(at), random.nextBoolean() ? "nps" : "csat", random.nextInt(11));
                }
            }
        }
        f.events.sort(java.util.Comparator.comparing(Event::timestamp));
        EventColumns columns = f.columns();
        KpiSpec spec = (KpiSpec) new QuerySpecParser().parse(SPEC);
        var scope = new io.waymark.core.query.Scope(new io.waymark.core.query.TimeRange(null, spec.to()), spec.scope().channels(),
                spec.scope().filters(), spec.scope().timezone());
        KpiKernel kernel = new KpiKernel(spec, columns);
        KpiKernel.Acc one = Journeys.inOneAccumulator(kernel, columns);
        KpiKernel.Acc tiny = KernelRunner.run(columns, scope, null, kernel, 1).result();
        KpiKernel.Acc some = KernelRunner.run(columns, scope, null, kernel, 7).result();
        assertThat(tiny.all()).isDeepEqualTo(one.all());
        assertThat(some.all()).isDeepEqualTo(one.all());
        assertThat(one.orders[0]).isPositive();
        assertThat(one.npsAnswers[1]).isPositive();
    }
}
