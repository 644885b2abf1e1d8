package io.waymark.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes events as newline-delimited JSON objects in the column layout of the {@code events}
 * table, with times in epoch microseconds. This one format is the ingestion log's record payload
 * and what the store bulk-loads with DuckDB's NDJSON reader, so neither the loader nor the
 * importer pays for per-column appender calls (about 1 µs each) or for parsing events again in
 * Java. Jackson escapes control characters inside strings, so a newline only ever separates two events.
 */
public final class EventRowCodec {
    /** The columns DuckDB's {@code read_ndjson} reads a payload with (nested objects stay JSON text). */
    static final String COLUMNS = "{m: 'VARCHAR', ty: 'VARCHAR', n: 'VARCHAR', a: 'VARCHAR', u: 'VARCHAR', p: 'VARCHAR', "
            + "g: 'VARCHAR', ts: 'BIGINT', ra: 'BIGINT', c: 'VARCHAR', s: 'VARCHAR', cx: 'VARCHAR', pr: 'VARCHAR', "
            + "tr: 'VARCHAR', rv: 'DOUBLE'}";
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private EventRowCodec() {
    }

    /** The scalar columns of a row: everything an {@link Event} holds besides its JSON objects. */
    public record Scalars(String messageId, EventType type, String name, String anonymousId, String userId,
                          String previousId, String groupId, Instant timestamp, Instant receivedAt, Channel channel, String source) {
        static Scalars of(Event e) {
            return new Scalars(e.messageId(), e.type(), e.name(), e.anonymousId(), e.userId(), e.previousId(), e.groupId(),
                    e.timestamp(), e.receivedAt(), e.channel(), e.source());
        }
    }

    /**
     * A JSON object that is already exactly what this codec's generator would write for it
     * (no insignificant whitespace, Jackson's escapes, numbers as Jackson prints them), so it can
     * be copied into a row byte for byte. The streaming collector path checks that before it
     * hands one over; anything else goes through {@link #encode(List)}.
     */
    @FunctionalInterface
    public interface RawJson {
        void writeTo(ByteArrayOutputStream out);
    }

    public static byte[] encode(List<Event> events) {
        var out = new ByteArrayOutputStream(events.size() * 900);
        try (JsonGenerator g = generator(out)) {
            for (Event e : events) {
                g.writeStartObject();
                writeScalars(g, Scalars.of(e));
                g.writeFieldName("cx");
                write(g, e.context());
                g.writeFieldName("pr");
                write(g, e.properties());
                g.writeFieldName("tr");
                write(g, e.traits());
                writeRevenue(g, e.revenue());
                g.writeEndObject();
            }
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Appends one row whose JSON objects are copied as bytes; the result is the row that
     * {@link #encode(List)} writes for the same event.
     */
    public static void encodeRaw(Scalars scalars, RawJson context, RawJson properties, RawJson traits, Double revenue,
                                 ByteArrayOutputStream out) {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            writeScalars(g, scalars);
            writeRaw(g, out, "cx", context);
            writeRaw(g, out, "pr", properties);
            writeRaw(g, out, "tr", traits);
            writeRevenue(g, revenue);
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonGenerator generator(ByteArrayOutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.setCodec(Json.MAPPER);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        return g;
    }

    private static void writeScalars(JsonGenerator g, Scalars e) throws IOException {
        g.writeStringField("m", wellFormed(e.messageId()));
        g.writeStringField("ty", e.type().wireName());
        optional(g, "n", e.name());
        optional(g, "a", e.anonymousId());
        optional(g, "u", e.userId());
        optional(g, "p", e.previousId());
        optional(g, "g", e.groupId());
        g.writeNumberField("ts", DuckDbEventStore.micros(e.timestamp()));
        g.writeNumberField("ra", DuckDbEventStore.micros(e.receivedAt()));
        g.writeStringField("c", e.channel().wireName());
        optional(g, "s", e.source());
    }

    /**
     * An empty raw value makes the generator write the field's colon and count the value as
     * written; after a flush its buffer is empty, so the object's bytes can follow directly.
     */
    private static void writeRaw(JsonGenerator g, ByteArrayOutputStream out, String field, RawJson value) throws IOException {
        g.writeFieldName(field);
        g.writeRawValue("");
        g.flush();
        value.writeTo(out);
    }

    private static void writeRevenue(JsonGenerator g, Double revenue) throws IOException {
        if (revenue != null && Double.isFinite(revenue)) {
            g.writeNumberField("rv", revenue);
        }
    }

    /**
     * Writes a JSON tree with the generator directly: {@code writeTree} goes through the
     * ObjectMapper and sets up a serializer per call, which made encoding the costliest step.
     */
    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var it = node.fields(); it.hasNext(); ) {
                    var f = it.next();
                    g.writeFieldName(f.getKey());
                    write(g, f.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode child : node) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(wellFormed(node.textValue()));
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT, LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    default -> g.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case BINARY -> g.writeBinary(node.binaryValue());
            default -> g.writeNull();
        }
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, wellFormed(value));
        }
    }

    /**
     * Replaces unpaired UTF-16 surrogates (which JSON escapes like {@code "\ud800"} can carry)
     * with U+FFFD, as the WHATWG encoders do: they have no UTF-8 form, and DuckDB refuses them.
     */
    static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return replaceLoneSurrogates(s);
            }
        }
        return s;
    }

    private static String replaceLoneSurrogates(String s) {
        var b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /** The scalar columns of every row in a payload, its JSON objects skipped (what the live event feed shows). */
    public static List<Scalars> scalars(byte[] payload) {
        var out = new ArrayList<Scalars>();
        try (JsonParser p = FACTORY.createParser(payload)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                var f = new java.util.HashMap<String, String>();
                long ts = 0;
                long ra = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (name.equals("ts")) {
                        ts = p.getLongValue();
                    } else if (name.equals("ra")) {
                        ra = p.getLongValue();
                    } else if (t == JsonToken.VALUE_STRING) {
                        f.put(name, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                out.add(new Scalars(f.get("m"), EventType.fromWire(f.get("ty")), f.get("n"), f.get("a"), f.get("u"), f.get("p"),
                        f.get("g"), DuckDbEventStore.instant(ts), DuckDbEventStore.instant(ra), Channel.fromWire(f.get("c")), f.get("s")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt event payload: " + e.getMessage(), e);
        }
        return out;
    }

    /** The message ids in a payload, read with a streaming parser (used to seed deduplication). */
    public static List<String> messageIds(byte[] payload) {
        var ids = new ArrayList<String>();
        try (JsonParser p = FACTORY.createParser(payload)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("m")) {
                        ids.add(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt event payload: " + e.getMessage(), e);
        }
        return ids;
    }
}
