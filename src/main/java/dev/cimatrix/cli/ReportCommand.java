package dev.cimatrix.cli;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.ScanConfigLoader;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.coverage.Coverage;
import dev.cimatrix.coverage.CoverageAnalyzer;
import dev.cimatrix.coverage.Declarations;
import dev.cimatrix.detect.Detector;
import dev.cimatrix.detect.InputProblem;
import dev.cimatrix.detect.LogReader;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.paths.AttackPaths;
import dev.cimatrix.paths.PathAnalysis;
import dev.cimatrix.paths.PathLimits;
import dev.cimatrix.report.scan.ScanReport;
import dev.cimatrix.report.threat.AttackPath;
import dev.cimatrix.report.threat.ThreatModel;
import dev.cimatrix.report.threat.ThreatReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Write the threat model of the scanned system: inputs, risks, attack paths, log sources and "
                + "detections, and the coverage of every cell of the CI/CD threat matrix.", ""},
        footer = {"", "Examples:",
                "  # one self-contained page, works offline",
                "  cimatrix report --format html -o threat-model.html .",
                "  # the document, for review in a pull request",
                "  cimatrix report --format markdown -o THREAT-MODEL.md .",
                "  # coverage as an ATT&CK Navigator layer",
                "  cimatrix report --format navigator -o coverage.json .",
                "  # the sources of these logs count as collected",
                "  cimatrix report --logs audit.jsonl --format html -o r.html ."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", parameterConsumer = PathArguments.class, arity = "0..*", description = "Directories or files to scan (default: the current directory).")
    List<Path> targets = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: as the -o file's name ends: .html, .md, "
                    + ".json).")
    ThreatReportWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write.")
    Path output;

    @Option(names = "--logs", paramLabel = "FILE", arity = "1..*",
            description = "Log files or folders of them (GitHub or GitLab audit, webhook, CloudTrail, Kubernetes "
                    + "audit); the sources recognised in them count as collected, so rules over them count as "
                    + "detection. Takes the values up to the next option: give TARGET before it.")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--model", paramLabel = "FILE",
            description = "Threat-model file (default: cimatrix-model.yml at the scanned root, when present).")
    Path model;

    @Mixin
    RuleSources ruleSources;

    @Mixin
    GitignoreOption gitignore;

    @Override
    public Integer call() {
        format = FormatByName.resolve(format, output, Map.of(".html", ThreatReportWriter.Format.html,
                ".md", ThreatReportWriter.Format.markdown, ".json", ThreatReportWriter.Format.navigator), null);
        List<Path> scanTargets = targets.isEmpty() ? List.of(Path.of(".")) : targets;
        Path root = scanTargets.size() == 1 && Files.isDirectory(scanTargets.get(0)) ? scanTargets.get(0) : Path.of(".");
        Catalog catalog = Catalog.builtin();
        ScanConfig config = loadConfig(root, catalog);
        DeclaredModel declared = ThreatModelFile.read(model, root, catalog);
        Inventory inventory;
        try {
            inventory = gitignore.discovery().discover(root, scanTargets, null, ProgressLine.filesRead(spec));
        } catch (Discovery.TargetException e) {
            throw new UsageException(e.getMessage());
        }
        DiscoveryNote.print(spec, scanTargets, inventory);
        // Paths weigh every weakness, as `cimatrix paths` does; the document shows what a regular scan shows.
        AnalysisResult everything = new Analyzer(catalog, CheckRegistry.all(config), config, Profile.AUDITOR, Set.of())
                .analyze(inventory);
        PathAnalysis paths = AttackPaths.analyse(inventory, everything.findings(), declared, PathLimits.DEFAULT);
        ScanReport scan = new ScanReport(inventory, regular(everything, catalog), catalog, root, VersionProvider.version(),
                Clock.systemUTC());

        RuleSet rules = ruleSources.load("report", spec.commandLine().getErr());
        Declarations declarations = Declarations.from(declared).withLogSources(logSourcesIn(logs));
        // A settings snapshot alone is something to verify: its checks count only what it states.
        boolean definitionsScanned = inventory.pipelinesRead() || inventory.settingsRead();
        Coverage coverage = new CoverageAnalyzer(catalog).analyze(scan.result(), definitionsScanned, rules.rules(),
                declarations);
        ThreatModel threatModel = new ThreatModel(scan, scanTargets.stream().map(Path::toString).toList(), declared,
                coverage, paths.paths().stream().map(p -> AttackPath.of(p, paths.graph())).toList(), paths.unknowns(),
                rules.rules(), declarations.logSources());
        Output.write(ThreatReportWriter.write(threatModel, format), output, spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** The checks and findings of the regular profile, out of an auditor-profile analysis. */
    private static AnalysisResult regular(AnalysisResult all, Catalog catalog) {
        List<CheckInfo> checks = all.checksRun().stream().filter(Profile.REGULAR::runs).toList();
        List<Finding> findings = all.findings().stream()
                .filter(f -> Profile.REGULAR.shows(f.confidence()))
                .filter(f -> catalog.check(f.checkId()).map(Profile.REGULAR::runs).orElse(false))
                .toList();
        return new AnalysisResult(findings, checks, all.suppressed(), all.baselined(), all.checkFailures(),
                all.idleChecks());
    }

    /** The sources of the events in the given logs, recognised as {@code detect --source auto} does. */
    private Set<String> logSourcesIn(List<Path> files) {
        if (files.isEmpty()) {
            return Set.of();
        }
        // No rule is needed to tell sources apart, and without rules no baseline store is needed either.
        Detector reader = new Detector(RuleSet.builder().build(), Detector.Options.defaults(), null, alert -> { });
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                long before = reader.stats().events();
                for (Path found : LogFolders.files(file)) {
                    reader.readFoundInFolder(found, found.toString());
                }
                if (reader.stats().events() == before) {
                    // --logs takes every value up to the next option, a TARGET after it included.
                    throw new UsageException("--logs " + file + ": a folder with no log events in it (a TARGET "
                            + "goes before --logs, or after another option)");
                }
            } else if (Files.exists(file) || LogReader.isStandardInput(file)) {
                reader.read(file, DetectCommand.label(file), false, () -> true);
            } else {
                throw new UsageException("--logs " + file + ": no such file or directory");
            }
        }
        for (InputProblem p : reader.stats().problems()) {
            spec.commandLine().getErr().println("cimatrix report: " + p.describe());
        }
        return reader.stats().eventsBySource().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().id()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static ScanConfig loadConfig(Path root, Catalog catalog) {
        Path file = root.resolve(ScanConfigLoader.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return ScanConfig.defaults();
        }
        try {
            return YamlFiles.config(file, catalog.checks());
        } catch (ScanConfigLoader.ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
