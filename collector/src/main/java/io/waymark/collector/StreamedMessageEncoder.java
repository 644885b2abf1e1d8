package io.waymark.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.ChannelInference;
import io.waymark.store.EventRowCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Normalizes a message read by {@link StreamingBatchReader} and encodes its log row, copying
 * {@code context}, {@code properties} and {@code traits} from the request body byte for byte.
 * The result is the row the tree path ({@link SegmentProtocol#normalize} then
 * {@link EventRowCodec#encode}) writes for the same message: the same checks run in the same order
 * ({@link SegmentProtocol#identity}), {@code context.ip} is truncated in place, identify and group
 * calls fall back to {@code context.traits}, and the channel comes from the same clues.
 * A message whose bytes cannot be copied as they are gets null, and the caller takes the tree path.
 */
public final class StreamedMessageEncoder {
    private static final byte[] IP_FIELD = "\"ip\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final byte[] IP_KEY = {'i', 'p'};

    private StreamedMessageEncoder() {
    }

    /**
     * The row of message {@code i} of the batch, copied when its bytes allow it and through the
     * tree path otherwise; a refused message throws {@link io.waymark.core.error.WaymarkException}
     * as the tree path would.
     */
    public static EncodedEvent encode(StreamingBatchReader.Batch batch, int i, SegmentProtocol protocol, SegmentProtocol.Envelope envelope) {
        StreamedMessage m = batch.messages().get(i);
        EncodedEvent copied = copied(m, batch.body(), envelope);
        return copied != null ? copied : EncodedEvent.of(protocol.normalize(treeOf(batch.body(), m), null, envelope));
    }

    private static JsonNode treeOf(byte[] body, StreamedMessage m) {
        try {
            return Json.MAPPER.readTree(body, m.from, m.to - m.from);
        } catch (IOException e) {
            // the reader has parsed these bytes already
            throw new UncheckedIOException("cannot re-read a message", e);
        }
    }

    /** The row of an accepted message, null when it needs the tree path; a refused message throws as the tree path would. */
    static EncodedEvent copied(StreamedMessage m, byte[] body, SegmentProtocol.Envelope envelope) {
        if (m.needsTree) {
            return null;
        }
        SegmentProtocol.Identity id = SegmentProtocol.identity(m, null);
        String messageId = SegmentProtocol.messageId(m);
        Instant timestamp = SegmentProtocol.timestamp(m, envelope);
        String ip = SegmentProtocol.truncatedIp(m.contextIp, envelope.clientIp());
        if (ip != null && !needsNoEscape(ip)) {
            return null;
        }
        int traitsFrom = m.traitsFrom;
        int traitsTo = m.traitsTo;
        if (SegmentProtocol.usesContextTraits(id.type()) && isEmptyObject(body, traitsFrom, traitsTo) && m.contextTraitsFrom >= 0) {
            traitsFrom = m.contextTraitsFrom;
            traitsTo = m.contextTraitsTo;
        }
        var context = ContextCopy.of(m, body, ip);
        int properties = check(body, m.propertiesFrom, m.propertiesTo);
        int traits = check(body, traitsFrom, traitsTo);
        if (context == null || properties == CanonicalJson.NOT_CANONICAL || traits == CanonicalJson.NOT_CANONICAL) {
            return null;
        }
        Channel channel = ChannelInference.infer(id.type(), new ChannelInference.Clues(
                m.contextChannel, m.propertiesChannel, m.campaignMedium, m.libraryName, m.hasPage));
        var scalars = new EventRowCodec.Scalars(messageId, id.type(), id.name(), id.anonymousId(), id.userId(), id.previousId(),
                id.groupId(), timestamp, envelope.receivedAt(), channel, envelope.source());
        var out = new ByteArrayOutputStream(m.to - m.from + 256);
        final int tf = traitsFrom;
        final int tt = traitsTo;
        EventRowCodec.encodeRaw(scalars, context::writeTo, o -> copy(body, m.propertiesFrom, m.propertiesTo, properties, o),
                o -> copy(body, tf, tt, traits, o), m.revenue, out);
        return new EncodedEvent(messageId, id.userId(), id.anonymousId(), id.previousId(), out.toByteArray());
    }

    /** {@link CanonicalJson#check} of an object span; an absent object is written as {@code {}}. */
    private static int check(byte[] body, int from, int to) {
        return from < 0 ? CanonicalJson.COMPACT : CanonicalJson.check(body, from, to);
    }

    private static void copy(byte[] body, int from, int to, int checked, ByteArrayOutputStream out) {
        if (from < 0) {
            out.write(EMPTY_OBJECT, 0, 2);
        } else {
            CanonicalJson.copy(body, from, to, checked, out);
        }
    }

    private static boolean isEmptyObject(byte[] body, int from, int to) {
        return from < 0 || CanonicalJson.lastToken(body, from, to - 1) == '{';
    }

    /** Printable ASCII other than quote and backslash: what the generator writes as it is. */
    private static boolean needsNoEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code context} with its {@code ip} replaced by the truncated address, removed when there is
     * none, or appended last when the message had none, which is where the tree path's
     * {@code ObjectNode.put} and {@code remove} leave it. The object is copied as the bytes before
     * the {@code ip} field ({@code head}, ending in '{' or ',') and from the next field or the
     * closing brace on ({@code tail}).
     */
    private record ContextCopy(byte[] body, int headFrom, int headTo, int head, int tailFrom, int tailTo, int tail, String ip) {
        static ContextCopy of(StreamedMessage m, byte[] body, String ip) {
            if (m.contextFrom < 0) {
                return new ContextCopy(EMPTY_OBJECT, 0, 1, CanonicalJson.COMPACT, 1, 2, CanonicalJson.COMPACT, ip);
            }
            int headTo = m.ipFrom >= 0 ? m.ipFrom : m.contextTo - 1;
            int tailFrom = m.ipFrom >= 0 ? m.ipTo : m.contextTo - 1;
            // head and tail are one object: their keys are checked together, with the ip between them
            var keys = new CanonicalJson.Keys();
            int head = CanonicalJson.check(body, m.contextFrom, headTo, keys);
            if (head == CanonicalJson.NOT_CANONICAL || (m.ipFrom >= 0 && !keys.add(IP_KEY, 0, IP_KEY.length))) {
                return null;
            }
            int tail = CanonicalJson.check(body, tailFrom, m.contextTo, keys);
            if (tail == CanonicalJson.NOT_CANONICAL) {
                return null;
            }
            return new ContextCopy(body, m.contextFrom, headTo, head, tailFrom, m.contextTo, tail, ip);
        }

        void writeTo(ByteArrayOutputStream out) {
            int last = CanonicalJson.lastToken(body, headFrom, headTo);
            boolean tailCloses = body[tailFrom] == '}';
            int headEnd = headTo;
            if (ip == null && last == ',' && tailCloses) {
                // the removed ip was the last field: drop the comma before it
                headEnd = lastComma(headTo);
            }
            CanonicalJson.copy(body, headFrom, headEnd, head, out);
            if (ip != null) {
                if (last != '{' && last != ',') {
                    out.write(',');
                }
                out.write(IP_FIELD, 0, IP_FIELD.length);
                byte[] value = ip.getBytes(StandardCharsets.US_ASCII);
                out.write(value, 0, value.length);
                out.write('"');
                if (!tailCloses) {
                    out.write(',');
                }
            }
            CanonicalJson.copy(body, tailFrom, tailTo, tail, out);
        }

        private int lastComma(int to) {
            int i = to - 1;
            while (body[i] != ',') {
                i--;
            }
            return i;
        }
    }
}
