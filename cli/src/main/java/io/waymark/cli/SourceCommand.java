package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "source", mixinStandardHelpOptions = true, description = "Manage event sources and their write keys.",
        subcommands = {SourceCommand.Add.class, SourceCommand.ListSources.class})
final class SourceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add or list");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a source; prints {\"name\":…,\"writeKey\":…}.")
    static final class Add implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--name", required = true, description = "Source name, e.g. web, ios, pos.")
        String name;

        @Override
        public void run() {
            try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
                var s = open.sources().add(name);
                System.out.println(Json.MAPPER.valueToTree(Map.of("name", s.name(), "writeKey", s.writeKey())));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sources and their write keys as JSON.")
    static final class ListSources implements Runnable {
        @Mixin
        DataDirOption data;

        @Override
        public void run() {
            try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
                System.out.println(Json.MAPPER.valueToTree(open.sources().list()).toPrettyString());
            }
        }
    }
}
