package io.waymark.activation;

import io.waymark.core.journey.Journey;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

/**
 * How the scheduler runs: how often it ticks, the global frequency cap (marketing sends per person across journeys
 * and channels), per-channel caps, quiet hours, retry backoff, and how far back each tick re-reads received events (so
 * that events loaded late from the ingestion log still trigger; entries are deduplicated by event).
 */
public record JourneySettings(Duration tickEvery, Journey.FrequencyCap globalCap, Map<String, Journey.FrequencyCap> channelCaps,
                              QuietHours quietHours, Backoff backoff, Duration lookback) {
    public static final JourneySettings DEFAULTS = new JourneySettings(Duration.ofSeconds(5),
            new Journey.FrequencyCap(3, Duration.ofDays(7)), Map.of(), new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)),
            Backoff.DEFAULT, Duration.ofMinutes(10));

    public JourneySettings {
        channelCaps = Map.copyOf(channelCaps);
    }
}
