package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.StageRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data directory's own journey stages: {@code DIR/stages.json}, in the format of the bundled
 * defaults ({@code {"description": "…", "stages": […]}}), validated by the same parser as a
 * request's {@code "stages"}. Read once when the CLI or server opens the directory, so a broken
 * file fails at start-up with the file and field named, not at the first query.
 */
public final class StageRulesFile {
    public static final String NAME = "stages.json";

    private StageRulesFile() {
    }

    /** The rules in {@code dir/stages.json}, or null when there is no such file. */
    public static StageRules read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return StageRules.parseDocument(Json.MAPPER.readTree(Files.readString(file)));
        } catch (WaymarkException e) {
            throw new WaymarkException(e.code(), e.field(), file + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
