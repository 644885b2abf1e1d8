package io.waymark.core.kernel;

import static io.waymark.core.kernel.AttributionJourneys.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.event.Channel;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.QuerySpecParser;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property-style checks over seeded random journeys (jqwik is not on the classpath). */
class AttributionInvariantsTest {
    private static final List<String> MODELS = List.of("first_touch", "last_touch", "linear", "time_decay", "position_based", "markov", "shapley");
    private static final Channel[] CHANNELS = {Channel.ADS, Channel.SOCIAL, Channel.EMAIL, Channel.WEB, Channel.APP};

    private static AttributionSpec spec(String model, String by) {
        return (AttributionSpec) new QuerySpecParser().parse("{\"kind\":\"attribution\",\"model\":\"" + model + "\",\"by\":\"" + by + "\"}");
    }

    /** Up to 5 visits on random channels and campaigns, hours to days apart, and purchases among them. */
    private static AttributionJourneys random(Random rnd, int persons) {
        var j = new AttributionJourneys();
        for (int p = 0; p < persons; p++) {
            var person = j.person("p" + p);
            long t = h(rnd.nextInt(48));
            for (int e = 0, n = rnd.nextInt(7); e < n; e++) {
                t += h(0.1 + rnd.nextInt(200));
                if (rnd.nextInt(3) == 0) {
                    person.buy(t, rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(100));
                } else {
                    Channel c = CHANNELS[rnd.nextInt(CHANNELS.length)];
                    person.visit(t, c, c == Channel.WEB ? null : c.wireName() + rnd.nextInt(2));
                }
            }
        }
        return j;
    }

    @Test
    void attributedConversionsAndRevenueSumToTheTotalsInEveryModelAndDoNotDependOnPartitioning() {
        for (int seed = 0; seed < 20; seed++) {
            EventColumns columns = random(new Random(seed), 60).columns();
            for (String model : MODELS) {
                for (String by : List.of("channel", "campaign")) {
                    var spec = spec(model, by);
                    var r = (AttributionResult) Analyses.run(spec, columns).result();
                    assertThat(r.rows().stream().mapToDouble(AttributionResult.Row::conversions).sum())
                            .as(model + " " + by + " seed " + seed).isCloseTo(r.conversions(), within(1e-9));
                    assertThat(r.rows().stream().mapToDouble(AttributionResult.Row::revenue).sum())
                            .as(model + " " + by + " seed " + seed).isCloseTo(r.revenue(), within(1e-9));
                    var one = Journeys.inOneAccumulator(new AttributionKernel(spec, columns, List.of()), columns);
                    var many = KernelRunner.run(columns, spec.scope(), null, new AttributionKernel(spec, columns, List.of()), 1).result();
                    assertSame(one, r);
                    assertSame(many, r);
                }
            }
        }
    }

    private static void assertSame(AttributionResult a, AttributionResult b) {
        assertThat(a.conversions()).isEqualTo(b.conversions());
        Map<String, Double> ca = AttributionKernelTest.conversions(a);
        Map<String, Double> cb = AttributionKernelTest.conversions(b);
        assertThat(ca.keySet()).isEqualTo(cb.keySet());
        ca.forEach((k, v) -> assertThat(v).as(k).isCloseTo(cb.get(k), within(1e-9)));
    }

    @Test
    void symmetricChannelsGetEqualCredit() {
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            var j = new AttributionJourneys();
            for (int p = 0; p < 30; p++) {
                // the same journey twice, the second with ads and social swapped
                Channel[] path = new Channel[1 + rnd.nextInt(4)];
                for (int i = 0; i < path.length; i++) {
                    path[i] = CHANNELS[rnd.nextInt(3)];
                }
                boolean buys = rnd.nextBoolean();
                for (int copy = 0; copy < 2; copy++) {
                    var person = j.person("p" + p + "-" + copy);
                    for (int i = 0; i < path.length; i++) {
                        Channel c = copy == 0 ? path[i] : swap(path[i]);
                        person.visit(h(10 * i), c, c.wireName());
                    }
                    if (buys) {
                        person.buy(h(10 * path.length), 10);
                    }
                }
            }
            EventColumns columns = j.columns();
            for (String model : List.of("linear", "markov", "shapley")) {
                var c = AttributionKernelTest.conversions((AttributionResult) Analyses.run(spec(model, "channel"), columns).result());
                assertThat(c.getOrDefault("ads", 0.0)).as(model + " seed " + seed).isCloseTo(c.getOrDefault("social", 0.0), within(1e-9));
            }
        }
    }

    private static Channel swap(Channel c) {
        return c == Channel.ADS ? Channel.SOCIAL : c == Channel.SOCIAL ? Channel.ADS : c;
    }

    @Test
    void singleTouchJourneysGiveTheirChannelFullCreditInEveryModel() {
        Random rnd = new Random(7);
        var j = new AttributionJourneys();
        int[] expected = new int[CHANNELS.length];
        for (int p = 0; p < 40; p++) {
            int c = rnd.nextInt(CHANNELS.length);
            expected[c]++;
            j.person("p" + p).visit(0, CHANNELS[c], CHANNELS[c].wireName()).buy(h(2), 5);
        }
        EventColumns columns = j.columns();
        for (String model : MODELS) {
            var c = AttributionKernelTest.conversions((AttributionResult) Analyses.run(spec(model, "channel"), columns).result());
            for (int i = 0; i < CHANNELS.length; i++) {
                assertThat(c.getOrDefault(CHANNELS[i].wireName(), 0.0)).as(model + " " + CHANNELS[i]).isCloseTo(expected[i], within(1e-9));
            }
        }
    }
}
