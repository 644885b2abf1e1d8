package io.waymark.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.QuerySpecParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClvKernelTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    /** "person p1 via email: purchase 30 on day 0, purchase 20 on day 3" in the PostHog style. */
    private static final class Buyers {
        private final List<Event> events = new ArrayList<>();
        private String person;
        private Channel channel = Channel.WEB;

        Buyers person(String id, Channel via) {
            person = id;
            channel = via;
            return this;
        }

        Buyers buys(double days, double revenue) {
            return at(days, "purchase", revenue);
        }

        Buyers at(double days, String event, Double revenue) {
            ObjectNode props = Json.MAPPER.createObjectNode();
            if (revenue != null) {
                props.put("revenue", revenue);
            }
            Instant t = T0.plus(Duration.ofMinutes(Math.round(days * 1440)));
            events.add(new Event("m" + String.format("%06d", events.size()), EventType.TRACK, event, null, person, null, null, t, t,
                    channel, "test", Json.MAPPER.createObjectNode(), props, Json.MAPPER.createObjectNode()));
            return this;
        }

        EventColumns columns() {
            return EventColumnsBuilder.of(events, Event::userId);
        }
    }

    private static ClvResult run(Buyers b, String json) {
        return (ClvResult) Analyses.run((ClvSpec) new QuerySpecParser().parse(json), b.columns()).result();
    }

    @Test
    void historicalSumsRevenuePerCustomerAndAcquisitionChannel() {
        Buyers b = new Buyers();
        b.person("p1", Channel.EMAIL).at(0, "signup", null).buys(1, 30).buys(3, 20);
        b.person("p2", Channel.WEB).buys(0, 10);
        b.person("p3", Channel.WEB).at(0, "signup", null);
        ClvResult r = run(b, "{\"kind\":\"clv\"}");
        assertThat(r.persons()).isEqualTo(2);
        assertThat(r.totals().historicalRevenue()).isEqualTo(60);
        assertThat(r.params()).isNull();
        assertThat(r.byAcquisitionChannel()).extracting(ClvResult.ChannelValue::channel).containsExactly("email", "web");
        assertThat(r.byAcquisitionChannel().get(1).meanHistoricalClv()).isEqualTo(10);
        assertThat(r.topPersons().get(0)).isEqualTo(new ClvResult.PersonValue("p1", 2, 50, null, null, null, null));
    }

    @Test
    void calibrationEndExcludesLaterPurchases() {
        Buyers b = new Buyers();
        b.person("p1", Channel.WEB).buys(0, 30).buys(10, 20);
        ClvResult r = run(b, "{\"kind\":\"clv\",\"calibrationEnd\":\"2026-01-10\"}");
        assertThat(r.totals().historicalRevenue()).isEqualTo(30);
        assertThat(r.calibrationEnd()).isEqualTo("2026-01-10T00:00:00Z");
    }

    @Test
    void bgnbdPredictsAndNonRepeatersAreSurelyAlive() {
        Buyers b = synthetic(400, 7);
        ClvResult r = run(b, "{\"kind\":\"clv\",\"model\":\"bgnbd\",\"top\":1000}");
        assertThat(r.params()).as("%s", r.warnings()).isNotNull();
        assertThat(r.params().q()).isGreaterThan(1);
        assertThat(r.totals().expectedValue()).isPositive();
        for (ClvResult.PersonValue p : r.topPersons()) {
            if (p.purchases() == 1) {
                assertThat(p.pAlive()).isEqualTo(1.0);
            }
            assertThat(p.churnRisk()).isCloseTo(1 - p.pAlive(), within(1e-12));
        }
        double sum = r.topPersons().stream().mapToDouble(ClvResult.PersonValue::expectedValue).sum();
        assertThat(sum).isCloseTo(r.totals().expectedValue(), within(1e-6));
    }

    @Test
    void resultsDoNotDependOnPartitioning() {
        Buyers b = synthetic(300, 11);
        ClvSpec spec = (ClvSpec) new QuerySpecParser().parse("{\"kind\":\"clv\",\"model\":\"bgnbd\",\"top\":50}");
        EventColumns columns = b.columns();
        ClvResult one = Journeys.inOneAccumulator(new ClvKernel(spec, columns), columns);
        ClvResult many = KernelRunner.run(columns, spec.scope(), null, new ClvKernel(spec, columns), 7).result();
        assertThat(many).isEqualTo(one);
    }

    @Test
    void tooFewRepeatBuyersGiveNoPrediction() {
        Buyers b = new Buyers();
        b.person("p1", Channel.WEB).buys(0, 5);
        b.person("p2", Channel.WEB).buys(1, 5).buys(4, 5);
        ClvResult r = run(b, "{\"kind\":\"clv\",\"model\":\"bgnbd\"}");
        assertThat(r.params()).isNull();
        assertThat(r.totals().expectedPurchases()).isNull();
        assertThat(r.persons()).isEqualTo(2);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("too few repeat buyers").contains("1, at least 30"));
    }

    @Test
    void twentyNineRepeatBuyersAreTooFewThirtyAreEnough() {
        Buyers b = synthetic(400, 7);
        Buyers few = new Buyers();
        for (int p = 0; p < 29; p++) {
            few.person("r" + p, Channel.WEB).buys(p % 5, 10).buys(p % 5 + 2 + p % 7, 12);
        }
        ClvResult r = run(few, "{\"kind\":\"clv\",\"model\":\"bgnbd\"}");
        assertThat(r.params()).isNull();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("too few repeat buyers").contains("(29, at least 30"));
        assertThat(ClvModels.MIN_REPEAT_BUYERS).isEqualTo(30);
        assertThat(run(b, "{\"kind\":\"clv\",\"model\":\"bgnbd\"}").params()).isNotNull();
    }

    @Test
    void aFitThatRunsOffIsAWarningNotAFailure() {
        // 40 identical buyers every 5 days up to the end and nobody else: no one ever drops out, so the dropout
        // probability p ~ Beta(a, b) is pushed to 0 (b to infinity) and the parameters are not identified
        Buyers b = new Buyers();
        for (int p = 0; p < 40; p++) {
            b.person("g" + p, Channel.WEB);
            for (int day = 0; day <= 60; day += 5) {
                b.buys(day, 10);
            }
        }
        ClvResult r = run(b, "{\"kind\":\"clv\",\"model\":\"bgnbd\",\"top\":3}");
        assertThat(r.params()).isNull();
        assertThat(r.totals().expectedPurchases()).isNull();
        assertThat(r.totals().historicalRevenue()).isEqualTo(40 * 13 * 10);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("the BG/NBD fit failed: ").contains("runs off"));
        assertThat(r.topPersons()).hasSize(3).allSatisfy(p -> assertThat(p.pAlive()).isNull());
    }

    /** Customers who buy every few days until they churn, with varying spend. */
    private static Buyers synthetic(int persons, long seed) {
        Random rnd = new Random(seed);
        Buyers b = new Buyers();
        for (int p = 0; p < persons; p++) {
            b.person(String.format("c%04d", p), Channel.values()[p % 3]);
            double day = rnd.nextInt(30);
            double mean = 20 + rnd.nextInt(80);
            do {
                b.buys(day, Math.round(mean * (0.5 + rnd.nextDouble())));
                day += 1 + rnd.nextInt(20);
            } while (day < 120 && rnd.nextDouble() > 0.3);
        }
        return b;
    }
}
