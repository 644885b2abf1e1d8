package io.waymark.activation;

import io.waymark.activation.email.EmailChannel;
import io.waymark.activation.link.SigningKeys;
import io.waymark.activation.link.TrackingLinks;
import io.waymark.activation.webhook.DestinationGuard;
import io.waymark.activation.webhook.WebhookChannel;
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

    @Override
    public void close() {
        webhook.close();
    }
}
