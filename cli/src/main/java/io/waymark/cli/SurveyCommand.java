package io.waymark.cli;

import io.waymark.core.survey.SurveyDefinition;
import io.waymark.store.SurveyRepository;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "survey", mixinStandardHelpOptions = true,
        description = "Manage survey definitions: create, list, show, update, delete, form. Answers arrive as survey_response events.",
        subcommands = {SurveyCommand.Create.class, SurveyCommand.ListSurveys.class, SurveyCommand.Show.class,
                SurveyCommand.Update.class, SurveyCommand.Delete.class, SurveyCommand.Form.class})
final class SurveyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create, list, show, update, delete or form");
    }

    private static void with(DataDirOption data, Function<SurveyRepository, Object> action) {
        ExperimentCommand.with(data, open -> action.apply(new SurveyRepository(open.store())));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Save a survey from {\"id\",\"type\":\"nps|csat|ces|text\",\"question\",\"followUp\"?}.")
    static final class Create implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--file", required = true, paramLabel = "FILE|-", description = "The definition as JSON, or - for standard input.")
        String file;

        @Override
        public void run() {
            var d = SurveyDefinition.parse(SegmentCommand.readDefinition(file), null);
            with(data, s -> s.create(d, Clock.systemUTC().instant()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List saved surveys.")
    static final class ListSurveys implements Runnable {
        @Mixin
        DataDirOption data;

        @Override
        public void run() {
            with(data, SurveyRepository::list);
        }
    }

    /** A subcommand on one survey. */
    abstract static class OnSurvey implements Runnable {
        @Mixin
        DataDirOption data;

        @Parameters(index = "0", paramLabel = "ID")
        String id;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a saved survey.")
    static final class Show extends OnSurvey {
        @Override
        public void run() {
            with(data, s -> s.get(id));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Replace a saved survey's definition.")
    static final class Update extends OnSurvey {
        @Option(names = "--file", required = true, paramLabel = "FILE|-", description = "The definition as JSON, or - for standard input.")
        String file;

        @Override
        public void run() {
            var d = SurveyDefinition.parse(SegmentCommand.readDefinition(file), id);
            with(data, s -> s.update(d, Clock.systemUTC().instant()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a saved survey (its answers stay).")
    static final class Delete extends OnSurvey {
        @Override
        public void run() {
            with(data, s -> {
                s.delete(id);
                return Map.of("success", true, "deleted", id);
            });
        }
    }

    @Command(name = "form", mixinStandardHelpOptions = true, description = "Print what a survey widget renders and the track call that records an answer.")
    static final class Form extends OnSurvey {
        @Override
        public void run() {
            with(data, s -> s.get(id).form());
        }
    }
}
