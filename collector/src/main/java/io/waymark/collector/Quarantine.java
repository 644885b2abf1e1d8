package io.waymark.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.store.PersonIdentities;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code DIR/quarantine/<offset>.ndjson}: log records the store refused as input, kept for an
 * operator. Each line is one event row ({@link io.waymark.store.EventRowCodec}) or whatever
 * bytes the refused record held.
 */
final class Quarantine {
    private final Path dir;

    Quarantine(Path dir) {
        this.dir = dir;
    }

    /** Keeps a refused record, fsynced before the loader's checkpoint passes it. */
    Path keep(long endOffset, byte[] payload) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(endOffset + ".ndjson");
        write(file, payload);
        return file;
    }

    /**
     * Removes the lines that carry one of the person's identities; returns how many. A line that
     * is not valid JSON goes when it holds one of the ids as a JSON string. Each file is replaced
     * atomically by a synced copy, or deleted when nothing is left.
     */
    long removeLinesOf(PersonIdentities person) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        }
        long removed = 0;
        for (Path file : files) {
            List<String> kept = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!carries(line, person)) {
                    kept.add(line);
                }
            }
            if (kept.size() == lines.size()) {
                continue;
            }
            removed += lines.size() - kept.size();
            if (kept.stream().allMatch(String::isBlank)) {
                Files.delete(file);
            } else {
                Path tmp = dir.resolve(file.getFileName() + ".tmp");
                write(tmp, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return removed;
    }

    private static boolean carries(String line, PersonIdentities person) {
        try {
            JsonNode row = Json.MAPPER.readTree(line);
            if (row != null && row.isObject()) {
                String previous = row.path("p").asText("");
                return person.userIds().contains(row.path("u").asText(""))
                        || person.anonymousIds().contains(row.path("a").asText(""))
                        || person.userIds().contains(previous) || person.anonymousIds().contains(previous);
            }
        } catch (JsonProcessingException e) {
            // not an event row: look for the ids as JSON strings below
        }
        return Stream.concat(person.userIds().stream(), person.anonymousIds().stream())
                .anyMatch(id -> line.contains(quoted(id)));
    }

    private static String quoted(String id) {
        try {
            return Json.MAPPER.writeValueAsString(id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
    }
}
