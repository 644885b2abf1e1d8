package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.SegmentDefinition;
import io.waymark.core.query.SegmentRef;
import io.waymark.server.OpenDataDirectory;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.SegmentEngine;
import io.waymark.store.StageRulesFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Manage saved segments: create, list, show, update, delete, refresh, members. Rules: see README.",
        subcommands = {SegmentCommand.Create.class, SegmentCommand.ListSegments.class, SegmentCommand.Show.class, SegmentCommand.Update.class,
                SegmentCommand.Delete.class, SegmentCommand.Refresh.class, SegmentCommand.Members.class})
final class SegmentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: create, list, show, update, delete, refresh or members");
    }

    /** Opens the data directory, runs {@code action} on its segments and prints the result as JSON. */
    static void withSegments(DataDirOption data, Function<SegmentEngine, Object> action) {
        Object result;
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            result = action.apply(new DuckDbQueryEngine(open.store(), StageRulesFile.read(open.directory().root())).segments());
        }
        System.out.println(Json.MAPPER.valueToTree(result).toPrettyString());
    }

    static com.fasterxml.jackson.databind.JsonNode readDefinition(String file) {
        try {
            String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "--file", file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.INVALID_FIELD, "--file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Save a segment from {\"name\",\"rules\",\"id\"?,\"description\"?,\"timezone\"?} and fill its members.")
    static final class Create implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--file", required = true, paramLabel = "FILE|-", description = "The segment definition as JSON, or - for standard input.")
        String file;

        @Override
        public void run() {
            var d = SegmentDefinition.parse(readDefinition(file), null);
            withSegments(data, s -> s.create(d));
        }
    }

    /** A subcommand on one saved segment: checks the id and that the segment exists, then runs {@link #apply}. */
    abstract static class OnSegment implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        abstract Object apply(SegmentEngine segments, String id);

        @Override
        public void run() {
            String checked = SegmentRef.id(id, "ID");
            withSegments(data, s -> {
                s.repository().get(checked);
                return apply(s, checked);
            });
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Replace a segment's definition and refresh its members.")
    static final class Update extends OnSegment {
        @Option(names = "--file", required = true, paramLabel = "FILE|-", description = "The segment definition as JSON, or - for standard input.")
        String file;

        @Override
        Object apply(SegmentEngine segments, String id) {
            return segments.update(SegmentDefinition.parse(readDefinition(file), id));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List saved segments with their sizes.")
    static final class ListSegments implements Runnable {
        @Mixin
        DataDirOption data;

        @Override
        public void run() {
            withSegments(data, s -> s.repository().list());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one saved segment.")
    static final class Show extends OnSegment {
        @Override
        Object apply(SegmentEngine segments, String id) {
            return segments.repository().get(id);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a saved segment with its members and transitions.")
    static final class Delete extends OnSegment {
        @Override
        Object apply(SegmentEngine segments, String id) {
            segments.repository().delete(id);
            return Map.of("deleted", id);
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true, description = "Re-evaluate one saved segment (or all) now.")
    static final class Refresh implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "ID", arity = "0..1", description = "The segment; all segments when omitted.")
        String id;

        @Override
        public void run() {
            withSegments(data, s -> id == null ? s.refreshAll() : s.refresh(SegmentRef.id(id, "ID")));
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "List a segment's members (as of its last refresh).")
    static final class Members extends OnSegment {
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (1 to 100000; default 100).")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "Skip this many first.")
        long offset;

        @Override
        public void run() {
            if (limit < 1 || limit > 100_000) {
                throw WaymarkException.invalid("--limit", "--limit must be from 1 to 100000");
            }
            if (offset < 0) {
                throw WaymarkException.invalid("--offset", "--offset must not be negative");
            }
            super.run();
        }

        @Override
        Object apply(SegmentEngine segments, String id) {
            return segments.repository().members(id, limit, offset);
        }
    }
}
