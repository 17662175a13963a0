package dev.cimatrix.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code cimatrix} command: a suite of subcommands over the CI/CD threat matrix. */
@Command(name = "cimatrix",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Threat modelling for CI/CD: the CI/CD threat matrix, its controls and log sources.", ""},
        subcommands = {ScanCommand.class, PathsCommand.class, ReportCommand.class, MatrixCommand.class,
                ExplainCommand.class, DetectCommand.class,
                RulesCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad usage or unreadable input, 3 internal error.",
                "Documentation: docs/ in the source tree; `cimatrix explain <id>` for any catalog entry."})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code; never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::executionError);
        cli.setExitCodeExceptionMapper(e -> e instanceof UsageException ? ExitCode.USAGE : ExitCode.INTERNAL);
        return cli;
    }

    /** A bad command line: one line saying what is wrong and what would be right, then where help is. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage().strip());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("  did you mean: " + String.join(", ", suggestions) + "?");
            }
            String choices = choices(cmd.getCommandSpec());
            if (!choices.isEmpty()) {
                err.println("  valid here: " + choices);
            }
        }
        err.println("  see '" + name + " --help'");
        return ExitCode.USAGE;
    }

    private static String choices(CommandSpec spec) {
        String subcommands = String.join(", ", spec.subcommands().keySet());
        String options = spec.options().stream()
                .map(o -> o.longestName())
                .distinct()
                .collect(Collectors.joining(", "));
        if (!subcommands.isEmpty()) {
            return "commands " + subcommands + "; options " + options;
        }
        return "options " + options;
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof UsageException) {
            err.println(name + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        err.println(name + ": internal error: " + e);
        if (System.getenv("CIMATRIX_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("  set CIMATRIX_DEBUG=1 for the stack trace, and please report it");
        }
        return ExitCode.INTERNAL;
    }
}
