package io.waymark.activation;

import io.waymark.core.journey.Journey;
import io.waymark.store.JourneyState;
import java.time.Instant;
import java.util.Map;

/**
 * Frequency caps on marketing sends that reached a person: global (all journeys and channels), per channel, and the
 * journey's own. A capped send is skipped and recorded as suppressed, not postponed: a late reminder is worse than none.
 */
final class FrequencyCaps {
    private final JourneyState state;
    private final Journey.FrequencyCap global;
    private final Map<String, Journey.FrequencyCap> perChannel;

    FrequencyCaps(JourneyState state, Journey.FrequencyCap global, Map<String, Journey.FrequencyCap> perChannel) {
        this.state = state;
        this.global = global;
        this.perChannel = perChannel;
    }

    /** Why a marketing send to {@code personId} on {@code channel} is over a cap now, or null when it is not. */
    String exceeded(String personId, String channel, Journey journey, Instant now) {
        if (global != null && over(personId, global, null, null, now)) {
            return "frequency cap: " + global.max() + " marketing messages per " + global.per();
        }
        Journey.FrequencyCap c = perChannel.get(channel);
        if (c != null && over(personId, c, channel, null, now)) {
            return "frequency cap of " + channel + ": " + c.max() + " per " + c.per();
        }
        Journey.FrequencyCap j = journey.frequencyCap();
        if (j != null && over(personId, j, null, journey.key(), now)) {
            return "frequency cap of journey " + journey.key() + ": " + j.max() + " per " + j.per();
        }
        return null;
    }

    private boolean over(String personId, Journey.FrequencyCap cap, String channel, String journeyKey, Instant now) {
        return state.marketingSends(personId, now.minus(cap.per()), channel, journeyKey) >= cap.max();
    }
}
