package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.event.Event;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.SpendRepository;
import io.waymark.core.spend.SpendEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the golden cases in {@code core/src/test/resources/cases/<kind>/*.json} against the
 * embedded DuckDB engine: the events go through the Segment validation path into a fresh store
 * (with the file's optional {@code experiments}, saved as running),
 * each spec runs, and every field of {@code expected} must match (arrays element by element;
 * fields not named in {@code expected} are not compared). A file may carry {@code spend} rows, stored
 * before its cases run. Adding a case needs no Java.
 */
class GoldenCasesTest {
    private final SegmentProtocol protocol = new SegmentProtocol();
    private final QuerySpecParser parser = new QuerySpecParser();

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException, URISyntaxException {
        java.net.URI uri = GoldenCasesTest.class.getResource("/cases").toURI();
        if (uri.getScheme().equals("jar")) {
            // the cases live in core's test jar
            try {
                java.nio.file.FileSystems.newFileSystem(uri, Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException ignored) {
                // opened by an earlier run in this JVM
            }
        }
        Path root = Path.of(uri);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().flatMap(this::casesOf);
    }

    private Stream<DynamicTest> casesOf(Path file) {
        JsonNode doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var tests = new ArrayList<DynamicTest>();
        int i = 0;
        for (JsonNode c : doc.get("cases")) {
            int n = i++;
            tests.add(DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName() + "#" + n, () -> {
                try (var store = DuckDbEventStore.open(null)) {
                    store.append(events(doc.get("events")));
                    new SpendRepository(store).upsert(spend(doc.get("spend")));
                    if (doc.has("experiments")) {
                        for (JsonNode e : doc.get("experiments")) {
                            new io.waymark.store.ExperimentRepository(store).create(e, true, Instant.parse("2026-01-01T00:00:00Z"));
                        }
                    }
                    Object result = new DuckDbQueryEngine(store).run(parser.parse(c.get("spec")));
                    assertMatches(c.get("expected"), Json.MAPPER.valueToTree(result), "$");
                }
            }));
        }
        return tests.stream();
    }

    private List<Event> events(JsonNode messages) {
        var out = new ArrayList<Event>();
        int i = 0;
        for (JsonNode m : messages) {
            var msg = (com.fasterxml.jackson.databind.node.ObjectNode) m.deepCopy();
            if (!msg.has("messageId")) {
                // zero-padded so that ties at equal timestamps keep file order (ids break ties)
                msg.put("messageId", String.format("golden-%05d", i));
            }
            i++;
            out.add(protocol.normalize(msg, null, new SegmentProtocol.Envelope("golden", null, null, Instant.parse("2026-06-01T00:00:00Z"), null)));
        }
        return out;
    }

    /** The optional top-level {@code spend} array of a golden file: [{date, channel, campaign, cost, currency}]. */
    private static List<SpendEntry> spend(JsonNode items) {
        var out = new ArrayList<SpendEntry>();
        if (items != null) {
            for (JsonNode s : items) {
                out.add(new SpendEntry(java.time.LocalDate.parse(s.get("date").asText()), io.waymark.core.event.Channel.fromWire(s.get("channel").asText()),
                        s.get("campaign").asText(), s.get("cost").asDouble(), s.get("currency").asText()));
            }
        }
        return out;
    }

    static void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object in " + actual).isTrue();
            if (expected.isEmpty()) {
                assertThat(actual).as(path).isEmpty();
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var f = it.next();
                assertThat(actual.has(f.getKey())).as(path + "." + f.getKey() + " present in " + actual).isTrue();
                assertMatches(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " length in " + actual).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " is a number, not " + actual).isTrue();
            assertThat(actual.asDouble()).as(path).isCloseTo(expected.asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
