package io.waymark.cli;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code waymark} command. Errors print one line on stderr; exit 2 for bad input, 1 otherwise. */
@Command(name = "waymark", mixinStandardHelpOptions = true, version = "waymark 0.1.0",
        description = "Customer journey analytics you run yourself.",
        subcommands = {DemoCommand.class, ServeCommand.class, ImportCommand.class, ImportSpendCommand.class, GenerateCommand.class,
                SourceCommand.class, QueryCommand.class, PersonsCommand.class, ExportPersonCommand.class, ForgetCommand.class, SegmentCommand.class, ExperimentCommand.class, UserCommand.class, SurveyCommand.class, CommandLine.HelpCommand.class})
public final class Waymark implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see 'waymark --help'");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        var cl = new CommandLine(new Waymark());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("waymark: " + ex.getMessage());
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof WaymarkException w) {
                err.println("waymark: " + (w.field() != null && w.code() != ErrorCode.DATA_DIR_IN_USE ? w.field() + ": " : "") + w.getMessage());
                err.flush();
                return w.code().exitCode();
            }
            err.println("waymark: unexpected error: " + ex);
            err.flush();
            return 1;
        });
        return cl;
    }
}
