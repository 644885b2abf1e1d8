package io.waymark.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A generated dataset shared by the tests (generated once; a few seconds at most). */
final class DemoSample {
    static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    static final DemoConfig CONFIG = new DemoConfig(3000, 90, 7, END);
    static final DemoSample STANDARD = generate(CONFIG);

    final DemoConfig config;
    /** Messages per person, in output order. */
    final List<List<ObjectNode>> persons;
    /** Parsed timestamps, parallel to {@link #persons}. */
    private final long[][] times;

    private DemoSample(DemoConfig config, List<List<ObjectNode>> persons) {
        this.config = config;
        this.persons = persons;
        this.times = new long[persons.size()][];
        for (int p = 0; p < persons.size(); p++) {
            List<ObjectNode> messages = persons.get(p);
            times[p] = new long[messages.size()];
            for (int i = 0; i < messages.size(); i++) {
                times[p][i] = millis(messages.get(i));
            }
        }
    }

    /** Epoch milliseconds of message {@code i} of person {@code p}. */
    long time(int p, int i) {
        return times[p][i];
    }

    static DemoSample generate(DemoConfig config) {
        List<List<ObjectNode>> persons = new ArrayList<>();
        new DemoGenerator(config).generatePersons(persons::add);
        return new DemoSample(config, persons);
    }

    Stream<ObjectNode> messages() {
        return persons.stream().flatMap(List::stream);
    }

    Stream<ObjectNode> track(String event) {
        return messages().filter(m -> event.equals(m.path("event").asText(null)));
    }

    /** The planted persona: the first message of every person is the anonymous identify carrying it. */
    static String persona(List<ObjectNode> person) {
        return person.get(0).path("traits").path("plantedPersona").asText(null);
    }

    static long millis(JsonNode message) {
        return Instant.parse(message.get("timestamp").asText()).toEpochMilli();
    }
}
