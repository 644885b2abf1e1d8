package io.waymark.collector;

import io.waymark.core.event.Event;
import io.waymark.store.EventRowCodec;
import java.util.List;

/**
 * A normalized event as its log row ({@code EventRowCodec} form), with the id it is deduplicated by and the
 * identities forgotten persons are refused by.
 */
public record EncodedEvent(String messageId, String userId, String anonymousId, String previousId, byte[] row) {
    static EncodedEvent of(Event e) {
        return new EncodedEvent(e.messageId(), e.userId(), e.anonymousId(), e.previousId(), EventRowCodec.encode(List.of(e)));
    }
}
