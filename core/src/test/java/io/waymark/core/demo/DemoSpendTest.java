package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoSpendTest {
    private static final DemoSample SAMPLE = DemoSample.STANDARD;
    private static final Map<String, String> CHANNEL_OF_MEDIUM = Map.of("cpc", "ads", "display", "ads", "social", "social", "email", "email");

    @Test
    void spendCoversEveryCampaignTheEventsUseOnEveryDay() {
        Map<String, String> campaignChannels = new TreeMap<>();
        SAMPLE.messages().map(m -> m.path("context").path("campaign")).filter(c -> c.isObject())
                .forEach(c -> campaignChannels.put(c.get("name").asText(), CHANNEL_OF_MEDIUM.get(c.get("medium").asText())));
        assertThat(campaignChannels).hasSizeGreaterThanOrEqualTo(6).doesNotContainValue(null);

        var rows = new DemoGenerator(SAMPLE.config).spend();
        Set<LocalDate> days = rows.stream().map(SpendRow::date).collect(Collectors.toCollection(TreeSet::new));
        assertThat(days).hasSize(90).first().isEqualTo(LocalDate.parse("2026-08-03"));
        for (var campaign : campaignChannels.entrySet()) {
            var ofCampaign = rows.stream().filter(r -> r.campaign().equals(campaign.getKey())).toList();
            assertThat(ofCampaign).as(campaign.getKey()).hasSize(days.size())
                    .allSatisfy(r -> assertThat(r.channel()).isEqualTo(campaign.getValue()));
        }
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.cost()).isGreaterThanOrEqualTo(0);
            assertThat(r.currency()).isEqualTo("EUR");
        });
        // one row per (date, channel, campaign)
        assertThat(rows.stream().map(r -> r.date() + "/" + r.channel() + "/" + r.campaign()).distinct().count())
                .isEqualTo(rows.size());
    }

    @Test
    void paidCampaignsCostMoreThanTheNewsletterAndScaleWithTraffic() {
        Map<String, Double> totals = new TreeMap<>();
        for (SpendRow r : new DemoGenerator(SAMPLE.config).spend()) {
            totals.merge(r.campaign(), r.cost(), Double::sum);
        }
        assertThat(totals.get("search_generic")).isGreaterThan(10 * totals.get("weekly_newsletter"));
        double small = new DemoGenerator(new DemoConfig(300, 90, 7, DemoSample.END)).spend().stream()
                .filter(r -> r.campaign().equals("search_generic")).mapToDouble(SpendRow::cost).sum();
        assertThat(totals.get("search_generic") / small).isBetween(7.0, 13.0);
    }
}
