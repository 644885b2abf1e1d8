package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.QuerySpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRulesFileTest {
    @TempDir
    Path dir;

    private static Event track(String id, String name, String at) {
        var f = JsonNodeFactory.instance;
        return new Event(id, EventType.TRACK, name, null, "u1", null, null, Instant.parse(at), Instant.parse(at), Channel.WEB, "s",
                f.objectNode(), f.objectNode(), f.objectNode());
    }

    private JsonNode stages(DuckDbQueryEngine engine, String spec) {
        return ((JsonNode) engine.run(new QuerySpecParser().parse(spec))).get("stages");
    }

    @Test
    void noFileMeansTheBundledDefaults() {
        assertThat(StageRulesFile.read(dir)).isNull();
    }

    @Test
    void theDataDirectoryRulesReplaceTheDefaultsButNotARequestsOwnRules() throws Exception {
        Files.writeString(dir.resolve("stages.json"), """
                {"description": "our funnel", "stages": [
                  {"name": "lead", "events": ["signup"]},
                  {"name": "customer", "events": ["purchase"]}]}""");
        try (var store = DuckDbEventStore.open(null)) {
            store.append(List.of(track("a", "signup", "2026-01-01T10:00:00Z"), track("b", "purchase", "2026-01-02T10:00:00Z")));
            var engine = new DuckDbQueryEngine(store, StageRulesFile.read(dir));
            JsonNode byFile = stages(engine, "{\"kind\":\"stages\"}");
            assertThat(byFile).hasSize(2);
            assertThat(byFile.get(0).get("name").asText()).isEqualTo("lead");
            assertThat(byFile.get(1).get("current").asLong()).isEqualTo(1);
            JsonNode byRequest = stages(engine, "{\"kind\":\"stages\",\"stages\":[{\"name\":\"buyer\",\"events\":[\"purchase\"]}]}");
            assertThat(byRequest).hasSize(1);
            assertThat(stages(new DuckDbQueryEngine(store), "{\"kind\":\"stages\"}")).hasSize(6);
        }
        assertThat(Json.MAPPER.readTree(Files.readString(dir.resolve("stages.json"))).get("description").asText()).isEqualTo("our funnel");
    }

    @Test
    void anInvalidFileNamesTheFileAndTheField() throws Exception {
        Files.writeString(dir.resolve("stages.json"), """
                {"stages": [{"name": "a", "events": ["x"]}, {"name": "b", "events": ["y"]}, {"name": "c", "events": "purchase"}]}""");
        assertThatThrownBy(() -> StageRulesFile.read(dir)).isInstanceOfSatisfying(WaymarkException.class, e -> {
            assertThat(e.field()).isEqualTo("stages[2].events");
            assertThat(e.getMessage()).contains("stages.json").contains("stages[2].events");
        });
    }

    @Test
    void brokenJsonAndMissingStagesAreErrorsToo() throws Exception {
        Files.writeString(dir.resolve("stages.json"), "{\"stages\": [");
        assertThatThrownBy(() -> StageRulesFile.read(dir)).isInstanceOfSatisfying(WaymarkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
        Files.writeString(dir.resolve("stages.json"), "{\"stage\": []}");
        assertThatThrownBy(() -> StageRulesFile.read(dir)).isInstanceOfSatisfying(WaymarkException.class,
                e -> assertThat(e.field()).isEqualTo("stage"));
    }
}
