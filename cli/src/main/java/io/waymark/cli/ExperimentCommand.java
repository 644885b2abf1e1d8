package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.server.OpenDataDirectory;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.ExperimentRepository;
import io.waymark.store.StageRulesFile;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Manage A/B experiments: create, list, start, stop, analyze.",
        subcommands = {ExperimentCommand.Create.class, ExperimentCommand.ListExperiments.class, ExperimentCommand.Start.class,
                ExperimentCommand.Stop.class, ExperimentCommand.Analyze.class})
final class ExperimentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create, list, start, stop or analyze");
    }

    /** Opens the data directory, runs {@code action} and prints its result as JSON. */
    static void with(DataDirOption data, Function<OpenDataDirectory, Object> action) {
        Object result;
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            result = action.apply(open);
        }
        System.out.println(Json.MAPPER.valueToTree(result).toPrettyString());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Save an experiment from its JSON definition (a draft unless --start).")
    static final class Create implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--file", required = true, paramLabel = "FILE|-", description = "The definition as JSON, or - for standard input.")
        String file;

        @Option(names = "--start", description = "Start it at once.")
        boolean start;

        @Override
        public void run() {
            var definition = SegmentCommand.readDefinition(file);
            with(data, open -> new ExperimentRepository(open.store()).create(definition, start, Clock.systemUTC().instant()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments with their status.")
    static final class ListExperiments implements Runnable {
        @Mixin
        DataDirOption data;

        @Override
        public void run() {
            with(data, open -> new ExperimentRepository(open.store()).list());
        }
    }

    /** Moves an experiment to a status; subclasses name the status. */
    abstract static class StatusChange implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        abstract ExperimentRepository.Status status();

        @Override
        public void run() {
            with(data, open -> new ExperimentRepository(open.store()).setStatus(key, status(), Clock.systemUTC().instant()));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start serving an experiment's variants.")
    static final class Start extends StatusChange {
        @Override
        ExperimentRepository.Status status() {
            return ExperimentRepository.Status.RUNNING;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop an experiment (for good).")
    static final class Stop extends StatusChange {
        @Override
        ExperimentRepository.Status status() {
            return ExperimentRepository.Status.STOPPED;
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true, description = "Analyse an experiment (the 'experiment' query kind).")
    static final class Analyze implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Option(names = "--sequential", description = "Always-valid (sequential) results, safe to watch while data comes in.")
        boolean sequential;

        @Option(names = "--correction", defaultValue = "holm", description = "holm, benjamini_hochberg or none (default ${DEFAULT-VALUE}).")
        String correction;

        @Override
        public void run() {
            var spec = Json.MAPPER.createObjectNode().put("kind", "experiment").put("experiment", key)
                    .put("sequential", sequential).put("correction", correction);
            var parsed = new QuerySpecParser().parse(spec);
            with(data, open -> new DuckDbQueryEngine(open.store(), StageRulesFile.read(open.directory().root())).run(parsed));
        }
    }
}
