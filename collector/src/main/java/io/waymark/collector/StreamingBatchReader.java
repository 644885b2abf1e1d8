package io.waymark.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.waymark.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code /v1/batch} body in one streaming pass instead of building a Jackson tree per
 * message: it keeps each message's scalar fields, notes where {@code context}, {@code properties}
 * and {@code traits} lie in the body (they are later copied into the log row as bytes, see
 * {@link StreamedMessageEncoder}) and picks out the few nested values normalization needs.
 * Building the trees and writing them out again was most of the CPU an event cost
 * (BENCHMARKS.md, "Where the time of one event goes").
 *
 * <p>The reader only takes the common shape. It answers null, and the caller parses the body
 * into a tree as before, for anything whose outcome the tree path defines: a body that is not
 * valid JSON (the tree path words the error), a {@code batch} that is missing or not an array of
 * objects, a batch-level {@code context} (the Java library's; it is merged into every message,
 * which needs the trees), a {@code sentAt} that is not a string. A message that repeats
 * {@code context}, {@code properties} or {@code traits} is marked for the tree path, which keeps the
 * last; keys repeated inside those objects are caught when their bytes are checked for copying
 * ({@link CanonicalJson.Keys}). Other repeated keys need nothing: the reader keeps the last value,
 * as a tree does.
 */
public final class StreamingBatchReader {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** A body read by the reader; {@code sentAt} and {@code writeKey} are the body-level ones (null when absent). */
    public record Batch(byte[] body, String writeKey, JsonNode sentAt, List<StreamedMessage> messages) {
    }

    private StreamingBatchReader() {
    }

    /** The batch, or null when the body must take the tree path (see the class comment). */
    public static Batch read(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String writeKey = null;
            JsonNode sentAt = null;
            List<StreamedMessage> messages = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "batch" -> {
                        messages = t == JsonToken.START_ARRAY ? messages(p) : null;
                        if (messages == null) {
                            return null;
                        }
                    }
                    case "writeKey" -> {
                        writeKey = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "sentAt" -> {
                        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        sentAt = t == JsonToken.VALUE_STRING ? TextNode.valueOf(p.getText()) : null;
                    }
                    case "context" -> {
                        if (t != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return messages == null ? null : new Batch(body, writeKey, sentAt, messages);
        } catch (IOException e) {
            // not valid JSON: the tree path words the error
            return null;
        }
    }

    /**
     * One message that is the whole of {@code body} (a JSONL line), as a batch of one without body-level fields; null
     * when it must take the tree path, as for {@link #read}.
     */
    public static Batch readMessage(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            StreamedMessage m = message(p);
            return p.nextToken() == null ? new Batch(body, null, null, List.of(m)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<StreamedMessage> messages(JsonParser p) throws IOException {
        var messages = new ArrayList<StreamedMessage>(64);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            messages.add(message(p));
        }
        return t == JsonToken.END_ARRAY ? messages : null;
    }

    private static StreamedMessage message(JsonParser p) throws IOException {
        var m = new StreamedMessage(offset(p));
        int objects = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            int object = switch (field) {
                case "context" -> 1;
                case "properties" -> 2;
                case "traits" -> 4;
                default -> 0;
            };
            if ((objects & object) != 0) {
                // the second one would be mixed with what was kept of the first
                m.needsTree = true;
            }
            objects |= object;
            switch (field) {
                case "context" -> context(p, t, m);
                case "properties" -> properties(p, t, m);
                case "traits" -> {
                    if (t == JsonToken.START_OBJECT) {
                        m.traitsFrom = offset(p);
                        p.skipChildren();
                        m.traitsTo = offset(p) + 1;
                    } else {
                        notObject(p, t, m);
                    }
                }
                default -> scalar(p, t, m, StreamedMessage.scalarIndex(field));
            }
        }
        m.to = offset(p) + 1;
        return m;
    }

    private static void context(JsonParser p, JsonToken t, StreamedMessage m) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            notObject(p, t, m);
            return;
        }
        m.contextFrom = offset(p);
        boolean inIp = false;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (inIp) {
                m.ipTo = offset(p);
                inIp = false;
            }
            int fieldFrom = field.equals("ip") ? offset(p) : -1;
            t = p.nextToken();
            switch (field) {
                case "channel" -> m.contextChannel = text(p, t);
                case "campaign" -> m.campaignMedium = member(p, t, "medium");
                case "library" -> m.libraryName = member(p, t, "name");
                case "page" -> {
                    m.hasPage = true;
                    p.skipChildren();
                }
                case "ip" -> {
                    m.ipFrom = fieldFrom;
                    m.contextIp = text(p, t);
                    inIp = true;
                }
                case "traits" -> {
                    if (t == JsonToken.START_OBJECT) {
                        m.contextTraitsFrom = offset(p);
                        p.skipChildren();
                        m.contextTraitsTo = offset(p) + 1;
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        // the closing brace of context
        if (inIp) {
            m.ipTo = offset(p);
        }
        m.contextTo = offset(p) + 1;
    }

    private static void properties(JsonParser p, JsonToken t, StreamedMessage m) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            notObject(p, t, m);
            return;
        }
        m.propertiesFrom = offset(p);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            if (field.equals("channel")) {
                m.propertiesChannel = text(p, t);
            } else if (field.equals("revenue") && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
                m.revenue = p.getDoubleValue();
            } else {
                p.skipChildren();
            }
        }
        m.propertiesTo = offset(p) + 1;
    }

    /** A JSON object field that holds something else: null means empty, anything else is the tree path's error to report. */
    private static void notObject(JsonParser p, JsonToken t, StreamedMessage m) throws IOException {
        if (t != JsonToken.VALUE_NULL) {
            m.needsTree = true;
            p.skipChildren();
        }
    }

    /** Keeps a top-level field that normalization reads, as the node a tree would hold. */
    private static void scalar(JsonParser p, JsonToken t, StreamedMessage m, int index) throws IOException {
        if (index < 0) {
            p.skipChildren();
            return;
        }
        JsonNode value = switch (t) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> JsonNodeFactory.instance.numberNode(p.getIntValue());
                case LONG -> JsonNodeFactory.instance.numberNode(p.getLongValue());
                default -> JsonNodeFactory.instance.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NullNode.getInstance();
            default -> null;
        };
        if (value == null) {
            m.needsTree = true;
            p.skipChildren();
        }
        m.setScalar(index, value);
    }

    /** A string field of a nested object ({@code context.campaign.medium}); null for anything else. */
    private static String member(JsonParser p, JsonToken t, String name) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals(name)) {
                value = text(p, v);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** Byte offset of the current token in the body (for a field name, of its opening quote). */
    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }
}
