package dev.cimatrix.cli;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Baseline;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.ScanConfigLoader;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.SourceKind;
import dev.cimatrix.fix.Fixer;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Platform;
import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.AttackPaths;
import dev.cimatrix.paths.PathLimits;
import dev.cimatrix.report.scan.CheckListing;
import dev.cimatrix.report.scan.ScanReport;
import dev.cimatrix.report.scan.ScanReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Scan CI/CD definitions for weaknesses and map each to the cells of the CI/CD threat matrix.", "",
                "A TARGET is a directory, searched for .github/workflows/*.yml and action.yml files, or a single file.", ""},
        footer = {"", "Examples:",
                "  # the repository in the current folder",
                "  cimatrix scan .",
                "  # for GitHub code scanning",
                "  cimatrix scan --format sarif -o cimatrix.sarif .",
                "  # annotations and a failing gate in CI",
                "  cimatrix scan --fail-on medium --format github .",
                "  # accept today's findings; later runs then take --baseline base.json",
                "  cimatrix scan --write-baseline base.json .",
                "  # show, then make, the fixes of the findings that have one",
                "  cimatrix scan --fix-diff . && cimatrix scan --fix .",
                "",
                "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable "
                        + "input, 3 internal error. Files that cannot be parsed are reported and do not stop the scan."})
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", parameterConsumer = PathArguments.class, arity = "0..*", description = "Directories or files to scan (default: the current directory).")
    List<Path> targets = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: text, or as the -o file's name ends: "
                    + ".sarif, .json, .md).")
    ScanReportWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--min-severity", paramLabel = "SEVERITY", defaultValue = "info", converter = SeverityConverter.class,
            description = "Leave out findings below this severity: info, low, medium, high, critical (default: ${DEFAULT-VALUE}).")
    Severity minSeverity;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit with 1 when a finding is at or above this severity, or 'none' (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "regular",
            description = "Which checks and confidence levels to show: regular, pedantic, auditor (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: .cimatrix.yml at the scanned root, when present).")
    Path config;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Leave out findings recorded in this baseline file.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record the current findings as a baseline file.")
    Path writeBaseline;

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "Read files named on the command line as this platform: github-actions, gitlab-ci, azure-pipelines, "
                    + "circleci, bitbucket, jenkins, "
                    + "dependabot for a Dependabot configuration, pre-commit for a pre-commit configuration or "
                    + "github-settings or gitlab-settings for repository settings under another name (others follow).")
    String platform;

    @Option(names = "--offline", description = "Never use the network. Scans of files are always offline; "
            + "the option is accepted so scripts can state it.")
    boolean offline;

    @Option(names = "--timings", description = "Print how long each stage took on standard error.")
    boolean timings;

    @Option(names = "--list-checks", description = "List the checks, with the configuration applied (which run, "
            + "their severity), and scan nothing; --format json lists them as JSON.")
    boolean listChecks;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour in text output: auto, always, never (default: ${DEFAULT-VALUE}; NO_COLOR turns auto off).")
    String color;

    @Option(names = "--fix", description = "Rewrite the files to fix the findings that have a fix (such as moving "
            + "${{ }} out of scripts into environment variables), then report the findings that remain.")
    boolean fix;

    @Option(names = "--fix-diff", description = "Print the fixes --fix would make as a unified diff, instead of the "
            + "findings, and change nothing.")
    boolean fixDiff;

    @Mixin
    GitignoreOption gitignore;

    @Override
    public Integer call() throws Exception {
        format = FormatByName.resolve(format, output, Map.of(".sarif", ScanReportWriter.Format.sarif,
                ".json", ScanReportWriter.Format.json, ".md", ScanReportWriter.Format.markdown), ScanReportWriter.Format.text);
        Profile chosenProfile = parseProfile(profile);
        Severity failThreshold = failOn.equalsIgnoreCase("none") ? null : SeverityConverter.parse("--fail-on", failOn);
        SourceKind forced = platformKind(platform);
        List<Path> scanTargets = targets.isEmpty() ? List.of(Path.of(".")) : targets;
        Path root = scanTargets.size() == 1 && Files.isDirectory(scanTargets.get(0))
                ? scanTargets.get(0) : Path.of(".");

        Catalog catalog = Catalog.builtin();
        ScanConfig scanConfig = loadConfig(root, catalog.checks());
        if (listChecks) {
            Set<String> idle = CheckRegistry.all(scanConfig).stream().filter(c -> !c.active()).map(Check::id)
                    .collect(Collectors.toSet());
            CheckListing listing = new CheckListing(scanConfig, idle);
            String listed = format == ScanReportWriter.Format.json ? listing.json(catalog.checks())
                    : listing.table(catalog.checks());
            Output.write(listed, output, spec.commandLine().getOut());
            return ExitCode.OK;
        }
        Set<String> accepted = baseline == null ? Set.of() : readBaseline(baseline);

        Output.refuseFolder(output);
        if (fix && fixDiff) {
            throw new UsageException("--fix and --fix-diff exclude each other: --fix-diff only shows what --fix would do");
        }
        if ((fix || fixDiff) && scanTargets.stream().anyMatch(t -> t.toString().equals("-"))) {
            throw new UsageException("standard input cannot be fixed: name the file instead of -");
        }
        Stopwatch watch = new Stopwatch(timings);
        Inventory inventory = discover(root, scanTargets, forced, watch, true);
        Analyzer analyzer = new Analyzer(catalog, CheckRegistry.all(scanConfig), scanConfig, chosenProfile, accepted);
        if (timings) {
            analyzer.timingChecks();
        }
        AnalysisResult analysed = analyzer.analyze(inventory);
        watch.lap("ran " + analysed.checksRun().size() + " checks");
        if (timings) {
            analyzer.checkTimes().stream().limit(8).forEach(t -> watch.detail(t.getValue(), t.getKey() + " (processor time)"));
        }
        List<Finding> shown = analysed.findings().stream()
                .filter(f -> f.severity().compareTo(minSeverity) >= 0).toList();
        if (fix || fixDiff) {
            Fixer.Plan plan = Fixer.plan(Path.of(inventory.root()), inventory, shown);
            watch.lap("planned the fixes of " + plan.fixedCount() + " findings");
            printFixes(plan, fixDiff);
            if (fixDiff) {
                Output.write(plan.diff(), output, spec.commandLine().getOut());
                watch.lap("wrote the diff");
                if (timings) {
                    spec.commandLine().getErr().print(watch.report());
                }
                return failing(failThreshold, shown) ? ExitCode.FINDINGS : ExitCode.OK;
            }
            try {
                plan.write();
            } catch (IOException e) {
                throw new UsageException("could not write a fixed file: " + e.getMessage());
            }
            watch.lap("wrote the fixed files");
            if (!plan.files().isEmpty()) {
                // What remains is what a scan of the fixed files finds.
                inventory = discover(root, scanTargets, forced, watch, false);
                analysed = analyzer.analyze(inventory);
                shown = analysed.findings().stream().filter(f -> f.severity().compareTo(minSeverity) >= 0).toList();
                watch.lap("scanned the fixed files again");
            }
        }
        AnalysisResult result = analysed.withFindings(shown);

        if (writeBaseline != null) {
            // Whole or not at all, like a report: a baseline cut short would bring back every finding it lost.
            Output.write(Baseline.of(analysed.findings()).toJson(), writeBaseline, spec.commandLine().getOut());
        }
        // SARIF shows attack paths as code flows of the findings they pass through.
        List<AttackPath> paths = format == ScanReportWriter.Format.sarif
                ? AttackPaths.analyse(inventory, shown, ThreatModelFile.read(null, root, catalog), PathLimits.DEFAULT).paths()
                : List.of();
        if (format == ScanReportWriter.Format.sarif) {
            watch.lap("found " + paths.size() + " attack paths");
        }
        ScanReport report = new ScanReport(inventory, result, catalog, root, VersionProvider.version(), Clock.systemUTC(),
                paths);
        ScanReportWriter.Options options = new ScanReportWriter.Options(useColor());
        Output.write(out -> ScanReportWriter.write(report, format, options, out), output, spec.commandLine().getOut());
        watch.lap("wrote " + format);
        if (timings) {
            spec.commandLine().getErr().print(watch.report());
        }
        return failing(failThreshold, shown) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private static boolean failing(Severity threshold, List<Finding> shown) {
        return threshold != null && shown.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }

    private Inventory discover(Path root, List<Path> scanTargets, SourceKind forced, Stopwatch watch, boolean first) {
        Inventory inventory;
        try {
            inventory = gitignore.discovery().discover(root, scanTargets, forced,
                    first ? ProgressLine.filesRead(spec) : Discovery.Progress.NONE);
        } catch (Discovery.TargetException e) {
            throw new UsageException(e.getMessage());
        }
        watch.lap("read " + inventory.files().size() + " files");
        if (first) {
            DiscoveryNote.print(spec, scanTargets, inventory);
            Path scannedRoot = Path.of(inventory.root());
            Output.refuseInput(output, inventory.files().stream().map(f -> scannedRoot.resolve(f.path())));
        }
        return inventory;
    }

    /** How many of the findings a fix leaves are listed on standard error. */
    private static final int MAX_UNFIXED_LISTED = 40;

    /** On standard error: how many findings the fixes fix, and each finding of a fixable check left unfixed, with why. */
    private void printFixes(Fixer.Plan plan, boolean preview) {
        var err = spec.commandLine().getErr();
        int fixed = plan.fixedCount();
        if (fixed == 0 && plan.unfixed().isEmpty()) {
            err.println("Nothing to fix: no finding of " + String.join(", ", Fixer.FIXABLE.stream().sorted().toList())
                    + " was reported.");
        } else {
            err.println((preview ? "Would fix " : "Fixed ") + fixed + " finding" + (fixed == 1 ? "" : "s") + " in "
                    + plan.files().size() + " file" + (plan.files().size() == 1 ? "" : "s")
                    + (plan.unfixed().isEmpty() ? "." : "; " + plan.unfixed().size() + " left as they are:"));
        }
        // The first of them, each with why: a large repository's hundreds would bury the summary line above.
        plan.unfixed().stream().limit(MAX_UNFIXED_LISTED).forEach(unfixed -> err.println("  "
                + unfixed.finding().location().path() + ":" + unfixed.finding().location().startLine() + ": "
                + unfixed.finding().checkId() + ": " + unfixed.reason()));
        if (plan.unfixed().size() > MAX_UNFIXED_LISTED) {
            err.println("  … and " + (plan.unfixed().size() - MAX_UNFIXED_LISTED) + " more, each still among the "
                    + "findings reported");
        }
        err.flush();
    }

    private boolean useColor() {
        return switch (color.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> output == null && format == ScanReportWriter.Format.text && System.console() != null
                    && System.getenv("NO_COLOR") == null;
            default -> throw new UsageException("--color must be auto, always or never, not '" + color + "'");
        };
    }

    private ScanConfig loadConfig(Path root, List<CheckInfo> knownChecks) {
        Path file = config != null ? config : root.resolve(ScanConfigLoader.FILE_NAME);
        if (config != null) {
            UsageException.requireFile(config, "configuration");
        }
        if (!Files.isRegularFile(file)) {
            return ScanConfig.defaults();
        }
        try {
            return YamlFiles.config(file, knownChecks);
        } catch (ScanConfigLoader.ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Set<String> readBaseline(Path file) {
        UsageException.requireFile(file, "baseline");
        try {
            return Baseline.read(file).fingerprints();
        } catch (IOException | RuntimeException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Profile parseProfile(String text) {
        try {
            return Profile.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown profile '" + text + "'; expected regular, pedantic or auditor");
        }
    }

    private static SourceKind platformKind(String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals(Platform.GITHUB_ACTIONS.id()) || wanted.equals("github")) {
            return SourceKind.GITHUB_WORKFLOW;
        }
        if (wanted.equals(Platform.DEPENDABOT.id())) {
            return SourceKind.DEPENDABOT;
        }
        if (wanted.equals(Platform.PRE_COMMIT.id())) {
            return SourceKind.PRE_COMMIT;
        }
        if (wanted.equals(Platform.GITHUB_SETTINGS.id())) {
            return SourceKind.GITHUB_SETTINGS;
        }
        if (wanted.equals(Platform.GITLAB_SETTINGS.id())) {
            return SourceKind.GITLAB_SETTINGS;
        }
        if (wanted.equals(Platform.GITLAB_CI.id()) || wanted.equals("gitlab")) {
            return SourceKind.GITLAB_CI;
        }
        if (wanted.equals(Platform.AZURE_PIPELINES.id()) || wanted.equals("azure")) {
            return SourceKind.AZURE_PIPELINES;
        }
        if (wanted.equals(Platform.CIRCLECI.id())) {
            return SourceKind.CIRCLECI;
        }
        if (wanted.equals(Platform.BITBUCKET.id())) {
            return SourceKind.BITBUCKET;
        }
        if (wanted.equals(Platform.JENKINS.id())) {
            return SourceKind.JENKINS;
        }
        String all = Arrays.stream(Platform.values()).map(Platform::id).collect(Collectors.joining(", "));
        boolean known = Arrays.stream(Platform.values()).anyMatch(p -> p.id().equals(wanted));
        throw new UsageException(known
                ? "platform " + wanted + " is not supported yet; supported: " + Platform.GITHUB_ACTIONS.id() + ", "
                        + Platform.GITLAB_CI.id() + ", " + Platform.AZURE_PIPELINES.id() + ", " + Platform.CIRCLECI.id()
                        + ", " + Platform.BITBUCKET.id() + ", " + Platform.JENKINS.id() + ", " + Platform.DEPENDABOT.id() + ", " + Platform.PRE_COMMIT.id()
                        + ", " + Platform.GITHUB_SETTINGS.id() + ", " + Platform.GITLAB_SETTINGS.id()
                : "unknown platform '" + text + "'; expected one of " + all);
    }

    /** Severity names on the command line, with a one-line error naming the choices. */
    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return parse("severity", value);
        }

        static Severity parse(String option, String value) {
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown " + option + " '" + value + "'; expected info, low, medium, high or critical"
                        + (option.equals("--fail-on") ? " or none" : ""));
            }
        }
    }
}
