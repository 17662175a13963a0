package dev.cimatrix.cli;

import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The {@code cimatrix} command: a suite of subcommands over the CI/CD threat matrix. */
@Command(name = "cimatrix",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Threat modelling for CI/CD: the CI/CD threat matrix, its controls and log sources.", ""},
        footer = {"", "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad usage or unreadable input, 3 internal error.",
                "Documentation: docs/ in the source tree; `cimatrix explain <id>` for any catalog entry."})
public final class Main implements Runnable {
    /**
     * The subcommands, in the order usage lists them. They are added when the command line is set up rather
     * than named in the annotation, so that a run of one command sets up only that one (see commandLine).
     */
    private static final List<String> SUBCOMMANDS = List.of("scan", "paths", "report", "settings", "matrix", "explain",
            "detect", "rules", "completion", "help");

    /** Subcommands that describe the others, so they need every one set up. */
    private static final Set<String> ABOUT_OTHERS = Set.of("completion", "help");

    /** The options that print the version. */
    private static final Set<String> VERSION_OPTIONS = Set.of("-V", "--version");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Commands that run the checks, for which the checks' data is loaded while the command line is read. */
    private static final Set<String> RUN_CHECKS = Set.of("scan", "paths", "report");

    static {
        // picocli looks for Groovy's Closure class, for closures in annotations, which cimatrix has none of; Groovy is
        // on the class path to read Jenkinsfiles, and loading Closure would set up hundreds of its classes at every
        // start (about 150 ms).
        System.setProperty("picocli.disable.closures", "true");
    }

    public static void main(String[] args) {
        if (args.length > 0 && RUN_CHECKS.contains(args[0])) {
            startPreload();
        } else if (args.length > 0 && args[0].equals("detect")) {
            RuleSources.preloadBuiltin();
        }
        PrintWriter out = StandardOutput.open();
        // Standard output is the report's, written to its file descriptor. A library's own prints to System.out
        // (hcl4j traces every `for` expression it evaluates) would corrupt a JSON or SARIF report, so they go nowhere.
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Starts {@link #preload()} on a daemon thread; the launcher's training run starts it as a scan does. */
    static void startPreload() {
        Thread preload = new Thread(new Preload(), "cimatrix-preload");
        preload.setDaemon(true);
        preload.start();
    }

    /**
     * Loads the catalog and the checks' data on a second core while the main thread sets up the command line
     * and reads the files. A failure here is left for the command to meet and report where it needs the data.
     */
    private static void preload() {
        try {
            Catalog.builtin();
            CheckRegistry.preload();
            // Findings' fingerprints are SHA-256 digests: the security providers are set up once, here.
            MessageDigest.getInstance("SHA-256");
        } catch (RuntimeException | LinkageError | NoSuchAlgorithmException e) {
            // Reported by the command itself.
        }
    }

    /** Runs the command line with the given streams and returns the exit code; never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] expanded;
        try {
            expanded = ArgumentFiles.expand(args);
        } catch (UsageException e) {
            PrintWriter printable = PrintableErr.of(err);
            printable.println("cimatrix: " + e.getMessage());
            printable.flush();
            return ExitCode.USAGE;
        }
        CommandLine cli = forArguments(expanded);
        cli.setOut(out);
        cli.setErr(PrintableErr.of(err));
        try {
            return cli.execute(expanded);
        } catch (OutOfMemoryError e) {
            // Inputs are bounded one by one; many large ones together can still outgrow the default heap.
            out.flush();
            err.println("cimatrix: out of memory (" + e.getMessage() + "); give the JVM more with "
                    + "CIMATRIX_JAVA_OPTS=-Xmx8g, or run over fewer files at a time");
            err.flush();
            return ExitCode.INTERNAL;
        }
    }

    static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line for these arguments; a request for the version alone needs no subcommand set up. */
    static CommandLine forArguments(String[] args) {
        if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
            return withSubcommands(List.of());
        }
        return commandLine(args.length > 0 ? args[0] : null);
    }

    /**
     * The command line, with every subcommand, or only {@code first} when it names one that does not describe
     * the others: picocli takes tens of milliseconds to set up each command, and a run uses one.
     */
    static CommandLine commandLine(String first) {
        boolean onlyFirst = first != null && !ABOUT_OTHERS.contains(first) && SUBCOMMANDS.contains(first);
        return withSubcommands(onlyFirst ? List.of(first) : SUBCOMMANDS);
    }

    private static CommandLine withSubcommands(List<String> names) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : names) {
            cli.addSubcommand(name, newCommand(name));
        }
        // Set after the subcommands are added, so that they apply to them too.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(java.nio.file.Path.class, new PathArguments.Converter());
        // run() has expanded @FILE arguments already, with a bound on what it reads.
        cli.setExpandAtFiles(false);
        Handlers handlers = new Handlers();
        cli.setParameterExceptionHandler(handlers);
        cli.setExecutionExceptionHandler(handlers);
        cli.setExitCodeExceptionMapper(handlers);
        return cli;
    }

    /** A new instance of a subcommand; a switch rather than a table of constructor references, which cost start-up time to link. */
    private static Object newCommand(String name) {
        return switch (name) {
            case "scan" -> new ScanCommand();
            case "paths" -> new PathsCommand();
            case "report" -> new ReportCommand();
            case "matrix" -> new MatrixCommand();
            case "explain" -> new ExplainCommand();
            case "detect" -> new DetectCommand();
            case "rules" -> new RulesCommand();
            case "settings" -> new SettingsCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /*
     * The start-up path uses classes rather than lambdas: picocli's handler interfaces are old class files,
     * for which the class-data cache holds no lambda, so each would be generated at every start.
     */

    /** Loads what the checks need on another thread; see {@link #preload()}. */
    private static final class Preload implements Runnable {
        @Override
        public void run() {
            preload();
        }
    }

    /** How errors end a run: the messages of {@link #usageError} and {@link #executionError}, and exit codes. */
    private static final class Handlers implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            return usageError(e, args);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
            return executionError(e, cmd, parseResult);
        }

        @Override
        public int getExitCode(Throwable e) {
            return e instanceof UsageException ? ExitCode.USAGE : ExitCode.INTERNAL;
        }
    }

    /** picocli names the Java type a number did not convert to ("'1x' is not a long"); users need no Java. */
    private static final Pattern NUMBER_TYPE = Pattern.compile("is not an? (int|long)\\b");

    /** A bad command line: one line saying what is wrong and what would be right, then where help is. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + NUMBER_TYPE.matcher(e.getMessage().strip()).replaceAll("is not a whole number"));
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
