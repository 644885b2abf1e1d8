package io.waymark.activation;

import io.waymark.activation.email.EmailChannel;
import io.waymark.activation.link.SigningKeys;
import io.waymark.activation.link.TrackingLinks;
import io.waymark.activation.webhook.DestinationGuard;
import io.waymark.activation.webhook.WebhookChannel;
import io.waymark.core.error.WaymarkException;
import io.waymark.store.DuckDbEventStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The email and webhook channels by name, built from the validated {@link ChannelsConfig}: what the journey scheduler
 * looks a step's channel up in (the in-app channel is the scheduler's own). Email exists only when {@code smtp} is
 * configured. Close it to release the webhook client's connections.
 */
public final class Channels implements AutoCloseable {
    private final Map<String, Channel> byName;
    private final WebhookChannel webhook;

    public Channels(ChannelsConfig config, DuckDbEventStore store, RecommendationSource recommendations, Clock clock) {
        Map<String, Channel> m = new LinkedHashMap<>();
        if (config.smtp() != null) {
            var links = new TrackingLinks(config.publicBaseUrl(), SigningKeys.linkSigner(store, clock));
            m.put("email", new EmailChannel(config.smtp(), links, recommendations, clock));
        }
        this.webhook = new WebhookChannel(config.webhook(), new DestinationGuard(config.allowPrivateDestinations()), clock);
        m.put(webhook.name(), webhook);
        this.byName = Map.copyOf(m);
    }

    public Map<String, Channel> byName() {
        return byName;
    }

    /**
     * The save-time check of a step's settings for the journey parser and API: an email step's template, subject
     * and recommendation count; a webhook step's URL ({@link DestinationGuard}: form and resolved addresses)
     * and secret name. Errors name the field under {@code path} (e.g. {@code steps[2].settings.url}). Other channels
     * (in-app) are the journey module's to check.
     */
    public void validate(String channel, Map<String, Object> settings, String path) {
        if ("email".equals(channel)) {
            EmailChannel email = (EmailChannel) byName.get("email");
            if (email == null) {
                throw WaymarkException.invalid(path, "email is not configured: add \"smtp\" to channels.json");
            }
            email.validate(settings, path);
        } else if ("webhook".equals(channel)) {
            webhook.validate(settings, path);
        }
    }

    @Override
    public void close() {
        webhook.close();
    }
}
