package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.event.Channel;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.SessionsSpec;
import org.junit.jupiter.api.Test;

class SessionsKernelTest {
    private final Journeys j = new Journeys();

    private SessionsResult run(String extra) {
        var spec = (SessionsSpec) new QuerySpecParser().parse("{\"kind\":\"sessions\"" + extra + "}");
        return (SessionsResult) Analyses.run(spec, j.columns()).result();
    }

    @Test
    void aGapOfExactlyTheLimitContinuesTheSessionOneSecondMoreStartsANewOne() {
        j.person("p1").page(m(0), "/a").page(m(30), "/b").page(m(60).plusSeconds(1), "/c");
        var r = run("");
        assertThat(r.sessions()).isEqualTo(2);
        assertThat(r.avgDurationSeconds()).isEqualTo(900.0);
        assertThat(run(",\"gapMinutes\":10").sessions()).isEqualTo(3);
    }

    @Test
    void aDifferentCampaignSourceStartsANewSessionButEventsWithoutOneDoNot() {
        j.person("p1").page(m(0), "/a")               // direct
                .campaign("google").page(m(1), "/b")  // new campaign: new session
                .campaign(null).page(m(2), "/c")      // no source: continues
                .campaign("google").page(m(3), "/d")  // same source: continues
                .campaign("newsletter").at(m(4), "click"); // another source: new session
        var r = run("");
        assertThat(r.sessions()).isEqualTo(3);
        assertThat(r.landingPages()).extracting(SessionsResult.LandingPage::page).containsExactly("/a", "/b");
    }

    @Test
    void aSessionStartedByAGapForgetsTheSourceOfThePreviousSession() {
        j.person("p1").campaign("google").page(m(0), "/a")
                .campaign(null).page(m(40), "/b")
                .campaign("google").page(m(41), "/c");
        assertThat(run("").sessions()).isEqualTo(3);
    }

    @Test
    void bounceIsOneViewAndNoOtherEngagement() {
        j.person("bounce").page(m(0), "/a");
        j.person("engaged").page(m(0), "/a").at(m(1), "add_to_cart");
        j.person("two-views").page(m(0), "/a").page(m(1), "/b");
        j.person("track-only").at(m(0), "email_opened");
        var r = run("");
        assertThat(r.sessions()).isEqualTo(4);
        assertThat(r.bounceRate()).isEqualTo(0.25);
        assertThat(r.pagesPerSession()).isEqualTo(4 / 4.0);
        assertThat(r.landingPages()).containsExactly(new SessionsResult.LandingPage("/a", 3, 1 / 3.0));
    }

    @Test
    void identifyNeitherStartsNorExtendsASession() {
        j.person("p1").page(m(0), "/a").at(m(20), "$identify").page(m(45), "/b").at(m(100), "$identify");
        var r = run("");
        assertThat(r.sessions()).isEqualTo(2);
        assertThat(r.avgDurationSeconds()).isZero();
        assertThat(r.bounceRate()).isEqualTo(1.0);
    }

    @Test
    void personsWithOnlyIdentifyCallsHaveNoSessions() {
        j.person("p1").at(m(0), "$identify");
        var r = run("");
        assertThat(r.sessions()).isZero();
        assertThat(r.persons()).isZero();
        assertThat(r.bounceRate()).isNull();
        assertThat(r.medianDurationSeconds()).isNull();
    }

    @Test
    void landingAndExitPagesWithExitRateOverAllViews() {
        j.person("p1").page(m(0), "/home").page(m(1), "/shoes").page(m(2), "/cart");
        j.person("p2").page(m(0), "/home").page(m(1), "/shoes");
        j.person("p3").page(m(0), "/shoes").page(m(1), "/home").page(m(2), "/shoes");
        var r = run("");
        assertThat(r.landingPages()).containsExactly(new SessionsResult.LandingPage("/home", 2, 0),
                new SessionsResult.LandingPage("/shoes", 1, 0));
        assertThat(r.exitPages()).containsExactly(new SessionsResult.ExitPage("/shoes", 4, 2, 0.5),
                new SessionsResult.ExitPage("/cart", 1, 1, 1.0));
        assertThat(run(",\"top\":1").exitPages()).hasSize(1);
    }

    @Test
    void screensAreNamedByPropertiesName() {
        j.person("p1").channel(Channel.APP).screen(m(0), "Home").screen(m(1), "Product");
        var r = run("");
        assertThat(r.landingPages()).extracting(SessionsResult.LandingPage::page).containsExactly("Home");
        assertThat(r.exitPages()).extracting(SessionsResult.ExitPage::page).containsExactly("Product");
        assertThat(r.byChannel()).containsExactly(new SessionsResult.ChannelRow("app", 1, 0, 60));
    }

    @Test
    void medianIsTheMeanOfTheTwoMiddleDurationsForAnEvenCount() {
        j.person("p1").page(m(0), "/a").page(m(1), "/a");
        j.person("p2").page(m(0), "/a").page(m(2), "/a");
        j.person("p3").page(m(0), "/a").page(m(5), "/a");
        j.person("p4").page(m(0), "/a").page(m(20), "/a");
        assertThat(run("").medianDurationSeconds()).isEqualTo(210.0);
        assertThat(run("").avgDurationSeconds()).isEqualTo(420.0);
    }

    @Test
    void channelOfTheFirstEventAndChannelFilterSessionizesOnlyEventsInScope() {
        j.person("p1").page(m(0), "/a").channel(Channel.EMAIL).at(m(1), "email_clicked").channel(Channel.WEB).page(m(2), "/b");
        var all = run("");
        assertThat(all.byChannel()).extracting(SessionsResult.ChannelRow::channel).containsExactly("web");
        var web = run(",\"channel\":\"web\"");
        assertThat(web.sessions()).isEqualTo(1);
        assertThat(web.pagesPerSession()).isEqualTo(2.0);
        var email = run(",\"channel\":\"email\"");
        assertThat(email.byChannel()).containsExactly(new SessionsResult.ChannelRow("email", 1, 0, 0));
    }

    @Test
    void resultsDoNotDependOnPartitioning() {
        // More persons than one partition holds (4096), so accumulators merge.
        for (int p = 0; p < 10_001; p++) {
            j.person(String.format("p%05d", p)).page(m(0), "/home");
            if (p % 2 == 0) {
                j.page(m(p % 7), "/shoes");
            }
        }
        var r = run("");
        assertThat(r.sessions()).isEqualTo(10_001);
        assertThat(r.persons()).isEqualTo(10_001);
        assertThat(r.bounceRate()).isEqualTo(5000 / 10_001.0);
        assertThat(r.avgDurationSeconds()).isEqualTo(sumOfEvenDurations() / 10_001.0);
        assertThat(r.exitPages()).containsExactly(new SessionsResult.ExitPage("/shoes", 5001, 5001, 1.0),
                new SessionsResult.ExitPage("/home", 10_001, 5000, 5000 / 10_001.0));
    }

    private static double sumOfEvenDurations() {
        long sum = 0;
        for (int p = 0; p < 10_001; p += 2) {
            sum += m(p % 7).toSeconds();
        }
        return sum;
    }
}
