package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.QuerySpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.server.OpenDataDirectory;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.StageRulesFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "query", mixinStandardHelpOptions = true, description = "Run a JSON query spec and print the result as JSON.")
final class QueryCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @Option(names = "--spec", required = true, paramLabel = "FILE|-", description = "The spec file, or - for standard input.")
    String spec;

    @Override
    public void run() {
        String json;
        try {
            json = spec.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(spec));
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.INVALID_FIELD, "--spec", "cannot read spec " + spec + ": " + e.getMessage());
        }
        QuerySpec parsed = new QuerySpecParser().parse(json);
        Object result;
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            result = new DuckDbQueryEngine(open.store(), StageRulesFile.read(open.directory().root())).run(parsed);
        }
        System.out.println(Json.MAPPER.valueToTree(result).toPrettyString());
    }
}
