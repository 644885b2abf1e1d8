package io.waymark.cli;

import io.waymark.activation.JourneyTemplates;
import io.waymark.core.Json;
import io.waymark.core.experiment.Experiment;
import io.waymark.server.JourneyViews;
import io.waymark.store.JourneyRepository;
import io.waymark.store.JourneyStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "journey", mixinStandardHelpOptions = true,
        description = "Manage journeys (automations): create, list, show, update, start, stop, delete, templates.",
        subcommands = {JourneyCommand.Create.class, JourneyCommand.ListJourneys.class, JourneyCommand.Show.class, JourneyCommand.Update.class,
                JourneyCommand.Start.class, JourneyCommand.Stop.class, JourneyCommand.Delete.class, JourneyCommand.Templates.class})
final class JourneyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: create, list, show, update, start, stop, delete or templates");
    }

    private static void with(DataDirOption data, Function<JourneyRepository, Object> action) {
        ExperimentCommand.with(data, open -> action.apply(new JourneyRepository(open.store())));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Save a journey (a draft) from its JSON definition, or {\"template\":\"<id>\", …} to start from a template.")
    static final class Create implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--file", paramLabel = "FILE|-", description = "The definition as JSON, or - for standard input.")
        String file;

        @Option(names = "--template", paramLabel = "ID", description = "Start from this template (see 'journey templates').")
        String template;

        @Override
        public void run() {
            var body = file != null ? SegmentCommand.readDefinition(file) : Json.MAPPER.createObjectNode();
            if (template != null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("template", template);
            }
            var definition = JourneyTemplates.resolve(body);
            with(data, r -> JourneyViews.view(r.create(definition, Clock.systemUTC().instant()), true));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List journeys with their status and persons per state.")
    static final class ListJourneys implements Runnable {
        @Mixin
        DataDirOption data;

        @Override
        public void run() {
            ExperimentCommand.with(data, open -> {
                var counts = new JourneyStats(open.store()).counts();
                List<Object> out = new ArrayList<>();
                for (var s : new JourneyRepository(open.store()).list()) {
                    var v = JourneyViews.view(s, false);
                    v.set("counts", Json.MAPPER.valueToTree(counts.getOrDefault(s.key(), new JourneyStats.Counts(0, 0, 0))));
                    out.add(v);
                }
                return Map.of("journeys", out);
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a journey's definition, versions and step stats.")
    static final class Show implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public void run() {
            ExperimentCommand.with(data, open -> {
                var repository = new JourneyRepository(open.store());
                var saved = repository.get(Experiment.key(key, "KEY"));
                var v = JourneyViews.view(saved, true);
                v.set("versions", Json.MAPPER.valueToTree(repository.versions(saved.key())));
                v.set("stats", Json.MAPPER.valueToTree(new JourneyStats(open.store()).stats(saved.journey())));
                return v;
            });
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Save a new version; persons already inside stay on their version and step.")
    static final class Update implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Option(names = "--file", required = true, paramLabel = "FILE|-", description = "The definition as JSON, or - for standard input.")
        String file;

        @Override
        public void run() {
            var definition = SegmentCommand.readDefinition(file);
            with(data, r -> JourneyViews.view(r.update(Experiment.key(key, "KEY"), definition, Clock.systemUTC().instant()), true));
        }
    }

    /** Moves a journey to a status; subclasses name it. */
    abstract static class StatusChange implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        abstract JourneyRepository.Status status();

        @Override
        public void run() {
            with(data, r -> JourneyViews.view(r.setStatus(Experiment.key(key, "KEY"), status(), Clock.systemUTC().instant()), false));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start entering persons (the server's scheduler runs it).")
    static final class Start extends StatusChange {
        @Override
        JourneyRepository.Status status() {
            return JourneyRepository.Status.RUNNING;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a journey: nobody enters or moves until it starts again.")
    static final class Stop extends StatusChange {
        @Override
        JourneyRepository.Status status() {
            return JourneyRepository.Status.STOPPED;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a journey that is not running, with every person's state in it.")
    static final class Delete implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public void run() {
            with(data, r -> {
                r.delete(Experiment.key(key, "KEY"));
                return Map.of("deleted", key);
            });
        }
    }

    @Command(name = "templates", mixinStandardHelpOptions = true, description = "List the journey templates shipped with Waymark.")
    static final class Templates implements Runnable {
        @Override
        public void run() {
            System.out.println(Json.MAPPER.valueToTree(Map.of("templates", JourneyTemplates.all())).toPrettyString());
        }
    }
}
