package io.waymark.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.WaymarkException;
import io.waymark.store.DuckDbEventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The channels by name and the save-time checks of a step's settings the journey parser calls. */
class ChannelsTest {
    private static final String PATH = "steps[2].settings";
    private final DuckDbEventStore store = DuckDbEventStore.open(null);
    private final ChannelsConfig.Smtp smtp = new ChannelsConfig.Smtp("127.0.0.1", 2525, ChannelsConfig.TlsMode.NONE, null, null, "a@shop.example",
            Duration.ofSeconds(1));
    private final ChannelsConfig.Webhook webhook = new ChannelsConfig.Webhook(Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
            Map.of("crm", "0123456789abcdef"));

    @AfterEach
    void close() {
        store.close();
    }

    private Channels channels(ChannelsConfig.Smtp smtp) {
        return new Channels(new ChannelsConfig(smtp, "https://wm.example.com", webhook, false), store, RecommendationSource.NONE, Clock.systemUTC());
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOf(WaymarkException.class)
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo(field));
    }

    @Test
    void emailExistsOnlyWithSmtp() {
        try (Channels with = channels(smtp); Channels without = channels(null)) {
            assertThat(with.byName()).containsOnlyKeys("email", "webhook");
            assertThat(without.byName()).containsOnlyKeys("webhook");
            assertField(() -> without.validate("email", Map.of("template", "welcome"), PATH), PATH);
        }
    }

    @Test
    void emailSettingsAreCheckedByField() {
        try (Channels c = channels(smtp)) {
            c.validate("email", Map.of("template", "cart_offer", "subject", "Hi {{traits.first_name}}", "offer", "10%",
                    "recommendations", 6), PATH);
            assertField(() -> c.validate("email", Map.of(), PATH), PATH + ".template");
            assertField(() -> c.validate("email", Map.of("template", "nope"), PATH), PATH + ".template");
            assertField(() -> c.validate("email", Map.of("template", "welcome", "subject", "{{#open}} never closed"), PATH), PATH + ".subject");
            assertField(() -> c.validate("email", Map.of("template", "welcome", "recommendations", 99), PATH), PATH + ".recommendations");
        }
    }

    @Test
    void webhookSettingsAreCheckedByFieldIncludingTheDestination() {
        try (Channels c = channels(null)) {
            c.validate("webhook", Map.of("url", "https://93.184.216.34/hook", "secret", "crm"), PATH);
            assertField(() -> c.validate("webhook", Map.of("secret", "crm"), PATH), PATH + ".url");
            assertField(() -> c.validate("webhook", Map.of("url", "http://169.254.169.254/", "secret", "crm"), PATH), PATH + ".url");
            assertField(() -> c.validate("webhook", Map.of("url", "https://93.184.216.34/hook"), PATH), PATH + ".secret");
            c.validate("in_app", Map.of(), PATH); // not ours to judge
        }
    }
}
