package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.demo.DemoConfig;
import io.waymark.core.demo.DemoGenerator;
import io.waymark.core.error.WaymarkException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the streaming batch path against the tree path it replaces: every message
 * must yield the same log row byte for byte, or the same refusal (code, field, message).
 */
class StreamingBatchReaderTest {
    private static final SegmentProtocol PROTOCOL = new SegmentProtocol();
    private static final Instant RECEIVED = Instant.parse("2025-06-01T12:00:00Z");
    private static final String[] CLIENT_IPS = {"203.0.113.7", "2001:db8:85a3:8d3:1319:8a2e:370:7348", null, " "};

    /** What one message became: its row as text, or its refusal. */
    record Outcome(String row, String refusal) {
    }

    @Test
    void demoMessagesGiveTheTreePathsRowsAndAreCopiedAsBytes() throws Exception {
        var messages = new ArrayList<ObjectNode>();
        new DemoGenerator(new DemoConfig(600, 60, 7, RECEIVED)).generate(messages::add);
        assertThat(messages.size()).isGreaterThan(5_000);
        int batches = 0;
        for (int from = 0; from < messages.size(); from += 50) {
            var batch = Json.MAPPER.createObjectNode();
            batch.putArray("batch").addAll(messages.subList(from, Math.min(from + 50, messages.size())));
            if (batches % 3 == 0) {
                batch.put("sentAt", "2025-06-01T12:00:05.250Z");
            }
            String clientIp = CLIENT_IPS[batches % CLIENT_IPS.length];
            // compact as JSON.stringify sends it, and pretty-printed (whitespace between tokens)
            for (byte[] body : List.of(Json.MAPPER.writeValueAsBytes(batch), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(batch))) {
                assertThat(viaStream(body, clientIp)).isEqualTo(viaTrees(body, clientIp));
                StreamingBatchReader.Batch read = StreamingBatchReader.read(body);
                Instant sentAt = SegmentProtocol.instantValue(read.sentAt(), "sentAt");
                for (StreamedMessage m : read.messages()) {
                    assertThat(StreamedMessageEncoder.copied(m, body, envelope(sentAt, clientIp)))
                            .as("demo messages take the byte-copying path").isNotNull();
                }
            }
            batches++;
        }
    }

    /** Messages at the edges of the format, each alone in a batch and then all in one batch. */
    @Test
    void edgeCasesGiveTheTreePathsOutcome() {
        List<String> cases = new ArrayList<>(List.of(
                // escapes and characters the generator writes differently
                m("track", "\"event\":\"caf\\u00e9\",\"properties\":{\"name\":\"caf\\u00e9 \\ud83d\\ude00 x\\/y\",\"lone\":\"\\ud800!\"}"),
                m("track", "\"event\":\"e\",\"properties\":{\"raw\":\"café ü 東京 \uD83D\uDE00\"}"),
                m("track", "\"event\":\"e\",\"properties\":{\"raw\":\"café ü 東京 \\\"q\\\" \\\\ \\n\\t\\r\\b\\f\"}"),
                m("track", "\"event\":\"e\",\"properties\":{\"ctl\":\"a\\u0001b\\u001F\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"caf\\u00e9\":1,\"page\":null}"),
                m("track", "\"event\":\"e\",\"properties\":{\"del\":\"\u007f \u2028 \uFFFF\"}"),
                // nested arrays and objects
                m("track", "\"event\":\"e\",\"properties\":{\"items\":[[1,2,[3,{\"a\":[]}]],[],{},[{\"b\":[null,true,false]}]]}"),
                // number formats
                m("track", "\"event\":\"e\",\"properties\":{\"a\":1.50,\"b\":1e3,\"c\":-0,\"d\":-0.0,\"e\":1E-7,\"f\":12345678901234567890123}"),
                m("track", "\"event\":\"e\",\"properties\":{\"a\":1.5,\"b\":1000.0,\"c\":0,\"d\":0.1,\"e\":1.0E-7,\"f\":-12,\"g\":1.0E21,\"h\":2.5E-5}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":1e2,\"currency\":\"EUR\"}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":99.9}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":12345678901234567890123}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":\"12\"}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":1e400}"),
                // ids as numbers, and values the checks refuse
                "{\"type\":\"track\",\"messageId\":7,\"userId\":12345678901234567890,\"event\":\"e\",\"timestamp\":\"2025-05-01T10:00:00Z\"}",
                "{\"type\":\"track\",\"messageId\":\"x1\",\"userId\":1.5,\"event\":\"e\"}",
                "{\"type\":\"track\",\"messageId\":\"x2\",\"userId\":{\"a\":1},\"event\":\"e\"}",
                "{\"type\":\"track\",\"messageId\":\"x3\",\"anonymousId\":\"a\"}",
                "{\"type\":\"trak\",\"messageId\":\"x4\",\"anonymousId\":\"a\"}",
                "{\"type\":5,\"messageId\":\"x5\",\"anonymousId\":\"a\"}",
                "{\"messageId\":\"x6\",\"anonymousId\":\"a\"}",
                "{\"type\":\"alias\",\"messageId\":\"x7\",\"anonymousId\":\"a\",\"previousId\":\"p\"}",
                "{\"type\":\"group\",\"messageId\":\"x8\",\"userId\":\"u\"}",
                "{\"type\":\"track\",\"messageId\":\"" + "i".repeat(300) + "\",\"userId\":\"u\",\"event\":\"e\"}",
                "{\"type\":\"track\",\"messageId\":\"x9\",\"userId\":\"u\",\"event\":\"e\",\"context\":[1]}",
                "{\"type\":\"track\",\"messageId\":\"x10\",\"userId\":\"u\",\"event\":\"e\",\"properties\":\"p\"}",
                "{\"type\":\"track\",\"messageId\":\"x11\",\"userId\":\"u\",\"event\":\"e\",\"traits\":7,\"timestamp\":\"nope\"}",
                "{\"type\":\"track\",\"messageId\":\"x12\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"nope\"}",
                "{\"type\":\"track\",\"messageId\":\"x13\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"0000-12-31T00:00:00Z\"}",
                "{\"type\":\"track\",\"messageId\":\"x14\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"2025-05-01T10:00:00+02:00\",\"sentAt\":\"2025-05-01T10:00:09+02:00\"}",
                "{\"type\":\"page\",\"messageId\":\"x15\",\"userId\":\"u\",\"name\":\" \",\"context\":null,\"properties\":null,\"traits\":null}",
                "{\"type\":\"screen\",\"messageId\":\"x16\",\"userId\":\"\",\"anonymousId\":\"a\",\"originalTimestamp\":\"2025-05-01T10:00:00Z\"}",
                // context.ip: first, in the middle, last, alone, blank, not a string, IPv6, odd characters
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"10.1.2.3\",\"a\":1}"),
                m("track", "\"event\":\"e\",\"context\":{\"a\":1,\"ip\":\"10.1.2.3\",\"b\":{\"c\":2}}"),
                m("track", "\"event\":\"e\",\"context\":{\"a\":[1],\"ip\":\"10.1.2.3\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"10.1.2.3\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"a\":1,\"ip\":\"\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\" \"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":5,\"a\":1}"),
                m("track", "\"event\":\"e\",\"context\":{\"a\":1,\"ip\":null}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"2001:db8:1:2::1\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"fe80\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"a\\\"b.c\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"é.1\"}"),
                m("track", "\"event\":\"e\",\"context\":{}"),
                // channel clues
                m("track", "\"event\":\"e\",\"context\":{\"channel\":\"email\"},\"properties\":{\"channel\":\"store\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"channel\":\"nowhere\"},\"properties\":{\"channel\":\"store\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"channel\":7,\"campaign\":{\"medium\":\" CPC \"}}"),
                m("track", "\"event\":\"e\",\"context\":{\"campaign\":{\"medium\":5}}"),
                m("track", "\"event\":\"e\",\"context\":{\"campaign\":\"newsletter\",\"library\":{\"name\":\"analytics-ios\"}}"),
                m("track", "\"event\":\"e\",\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":\"1\"}}"),
                m("track", "\"event\":\"e\",\"context\":{\"library\":{\"name\":true},\"page\":{\"path\":\"/\"}}"),
                m("screen", "\"name\":\"Home\",\"context\":{\"campaign\":{\"name\":\"x\"}}"),
                // identify and group traits from context.traits
                m("identify", "\"context\":{\"traits\":{\"email\":\"a@example.com\",\"n\":[1,2]}}"),
                m("identify", "\"traits\":{},\"context\":{\"ip\":\"10.0.0.1\",\"traits\":{\"plan\":\"pro\"}}"),
                m("identify", "\"traits\":null,\"context\":{\"traits\":{ }}"),
                m("identify", "\"traits\":{\"own\":1},\"context\":{\"traits\":{\"plan\":\"pro\"}}"),
                m("identify", "\"context\":{\"traits\":\"pro\"}"),
                m("group", "\"groupId\":\"g1\",\"context\":{\"traits\":{\"name\":\"Acme\\u00e9\"}}"),
                m("track", "\"event\":\"e\",\"context\":{\"traits\":{\"plan\":\"pro\"}}"),
                // unknown fields of every shape are ignored
                m("track", "\"event\":\"e\",\"integrations\":{\"All\":true,\"x\":[1,{\"y\":null}]},\"_metadata\":[],\"version\":2"),
                // repeated keys: a tree keeps the last value, so must the row
                m("track", "\"event\":\"e\",\"event\":\"f\""),
                m("track", "\"event\":\"e\",\"properties\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}"),
                m("track", "\"event\":\"e\",\"properties\":{\"items\":[{\"x\":1},{\"x\":2,\"y\":{\"x\":3},\"x\":4}]}"),
                m("track", "\"event\":\"e\",\"properties\":{\"a\":{\"k\":1},\"b\":{\"k\":2},\"k\":3}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":5,\"revenue\":7}"),
                m("track", "\"event\":\"Order Completed\",\"properties\":{\"revenue\":5,\"channel\":\"store\"},\"properties\":{\"a\":1}"),
                m("track", "\"event\":\"e\",\"context\":{\"channel\":\"email\",\"ip\":\"10.1.2.3\"},\"context\":{\"a\":1}"),
                m("track", "\"event\":\"e\",\"context\":{\"channel\":\"email\"},\"context\":null"),
                m("track", "\"event\":\"e\",\"context\":{\"a\":1,\"a\":2}"),
                m("track", "\"event\":\"e\",\"context\":{\"a\":1,\"ip\":\"10.1.2.3\",\"a\":2}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"10.1.2.3\",\"b\":1,\"ip\":\"10.9.9.9\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"ip\":\"10.1.2.3\",\"ip\":\"10.9.9.9\"}"),
                m("track", "\"event\":\"e\",\"context\":{\"campaign\":{\"medium\":\"email\",\"medium\":\"cpc\"}}"),
                m("identify", "\"traits\":{\"a\":1},\"traits\":null"),
                m("identify", "\"context\":{\"traits\":{\"plan\":\"a\",\"plan\":\"b\"}}"),
                m("track", "\"event\":\"e\",\"properties\":{" + keys(CanonicalJson.Keys.MAX_KEYS) + "}"),
                m("track", "\"event\":\"e\",\"properties\":{" + keys(CanonicalJson.Keys.MAX_KEYS + 1) + "}"),
                // near the 32 KB limit per event
                m("track", "\"event\":\"e\",\"properties\":{\"blob\":\"" + "x".repeat(SegmentProtocol.MAX_EVENT_BYTES - 900) + "\"}"),
                m("track", "\"event\":\"e\",\"properties\":{\"blob\":\"" + "x".repeat(SegmentProtocol.MAX_EVENT_BYTES + 100) + "\"}"),
                m("track", "\"event\":\"e\",\"properties\":{\"blob\":\"" + "é".repeat(SegmentProtocol.MAX_EVENT_BYTES / 2 - 400) + "\"}"),
                m("track", "\"event\":\"e\",\"properties\":{\"blob\":\"" + "\\u00e9".repeat(SegmentProtocol.MAX_EVENT_BYTES / 2 - 100) + "\"}")));
        for (String c : cases) {
            byte[] body = ("{\"batch\":[" + c + "]}").getBytes(StandardCharsets.UTF_8);
            for (String clientIp : CLIENT_IPS) {
                assertThat(viaStream(body, clientIp)).as(c).isEqualTo(viaTrees(body, clientIp));
            }
        }
        byte[] all = ("{\"sentAt\":\"2025-05-01T10:00:10Z\",\"batch\":[" + String.join(",", cases) + "],\"writeKey\":\"k\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(viaStream(all, "203.0.113.7")).isEqualTo(viaTrees(all, "203.0.113.7"));
    }

    @Test
    void theReaderKeepsTheBodyLevelFields() {
        byte[] body = "{\"writeKey\":\"k1\",\"batch\":[],\"sentAt\":\"2025-05-01T10:00:10Z\",\"context\":null,\"x\":{\"y\":[1]}}"
                .getBytes(StandardCharsets.UTF_8);
        var read = StreamingBatchReader.read(body);
        assertThat(read.writeKey()).isEqualTo("k1");
        assertThat(read.sentAt().asText()).isEqualTo("2025-05-01T10:00:10Z");
        assertThat(read.messages()).isEmpty();
        assertThat(StreamingBatchReader.read("{\"writeKey\":7,\"batch\":[]}".getBytes(StandardCharsets.UTF_8)).writeKey()).isNull();
    }

    /** The tree path defines these outcomes (its errors, the batch context merge). */
    @Test
    void bodiesTheTreePathMustReadAreLeftToIt() {
        for (String body : List.of(
                "{\"batch\":[{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\"}],\"context\":{\"ip\":\"1.2.3.4\"}}",
                "{\"batch\":[],\"context\":[]}",
                "{\"batch\":{}}",
                "{\"batch\":null}",
                "{\"writeKey\":\"k\"}",
                "{\"batch\":[1]}",
                "{\"batch\":[],\"sentAt\":5}",
                "[{\"batch\":[]}]",
                "{\"batch\":[{\"type\":\"track\"]}")) {
            assertThat(StreamingBatchReader.read(body.getBytes(StandardCharsets.UTF_8))).as(body).isNull();
        }
    }

    private static String keys(int n) {
        var keys = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            keys.add("\"k" + i + "\":" + i);
        }
        return String.join(",", keys);
    }

    /** A body that repeats its own fields: the last of each counts, as in a tree. */
    @Test
    void repeatedBodyFieldsGiveTheTreePathsOutcome() {
        byte[] body = ("{\"sentAt\":\"2025-05-01T10:00:10Z\",\"batch\":[" + m("track", "\"event\":\"first\"") + "],"
                + "\"sentAt\":\"2025-05-01T10:00:20Z\",\"batch\":[" + m("track", "\"event\":\"second\"") + "]}").getBytes(StandardCharsets.UTF_8);
        assertThat(viaStream(body, "203.0.113.7")).isEqualTo(viaTrees(body, "203.0.113.7")).hasSize(1);
    }

    private static String m(String type, String fields) {
        return "{\"type\":\"" + type + "\",\"messageId\":\"" + type + "-" + Integer.toHexString(fields.hashCode())
                + "\",\"userId\":\"u1\",\"timestamp\":\"2025-05-01T10:00:00.123Z\"," + fields + "}";
    }

    private static SegmentProtocol.Envelope envelope(Instant sentAt, String clientIp) {
        return new SegmentProtocol.Envelope("test", null, sentAt, RECEIVED, clientIp);
    }

    /** The path the server took before: the body as a tree, each message normalized and encoded. */
    private static List<Outcome> viaTrees(byte[] body, String clientIp) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            var envelope = envelope(SegmentProtocol.instant(json, "sentAt"), clientIp);
            var out = new ArrayList<Outcome>();
            for (JsonNode message : json.get("batch")) {
                out.add(outcome(() -> EncodedEvent.of(PROTOCOL.normalize(message, null, envelope))));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Outcome> viaStream(byte[] body, String clientIp) {
        StreamingBatchReader.Batch batch = StreamingBatchReader.read(body);
        assertThat(batch).as("the reader takes this body").isNotNull();
        var envelope = envelope(SegmentProtocol.instantValue(batch.sentAt(), "sentAt"), clientIp);
        var out = new ArrayList<Outcome>();
        for (int i = 0; i < batch.messages().size(); i++) {
            int k = i;
            out.add(outcome(() -> StreamedMessageEncoder.encode(batch, k, PROTOCOL, envelope)));
        }
        return out;
    }

    private static Outcome outcome(java.util.function.Supplier<EncodedEvent> encode) {
        try {
            EncodedEvent e = encode.get();
            SegmentProtocol.checkSize(e.row().length);
            return new Outcome(new String(e.row(), StandardCharsets.ISO_8859_1), null);
        } catch (WaymarkException e) {
            return new Outcome(null, e.code() + " " + e.field() + ": " + e.getMessage());
        }
    }
}
