package dev.cimatrix.cli;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
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
import dev.cimatrix.detect.RuleException;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.report.scan.ScanReport;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Write the threat model of the scanned system: inputs, risks, attack paths, log sources and "
                + "detections, and the coverage of every cell of the CI/CD threat matrix.", ""},
        footer = {"", "Examples:",
                "  cimatrix report --format html -o threat-model.html .         one self-contained page, works offline",
                "  cimatrix report --format markdown -o THREAT-MODEL.md .       the document, for review in a pull request",
                "  cimatrix report --format navigator -o coverage.json .        coverage as an ATT&CK Navigator layer",
                "  cimatrix report --logs audit.jsonl --format html -o r.html . the logs' sources count as collected"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Directories or files to scan (default: the current directory).")
    List<Path> targets = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", required = true,
            description = "Output format: ${COMPLETION-CANDIDATES}.")
    ThreatReportWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write.")
    Path output;

    @Option(names = "--logs", paramLabel = "FILE", arity = "1..*",
            description = "Log files (GitHub or GitLab audit, webhook, CloudTrail, Kubernetes audit); the sources "
                    + "recognised in them count as collected, so rules over them count as detection.")
    List<Path> logs = new ArrayList<>();

    @Mixin
    RuleSources ruleSources;

    @Override
    public Integer call() {
        List<Path> scanTargets = targets.isEmpty() ? List.of(Path.of(".")) : targets;
        Path root = scanTargets.size() == 1 && Files.isDirectory(scanTargets.get(0)) ? scanTargets.get(0) : Path.of(".");
        Catalog catalog = Catalog.builtin();
        ScanConfig config = loadConfig(root, catalog);
        Inventory inventory;
        try {
            inventory = new Discovery().discover(root, scanTargets, null);
        } catch (Discovery.TargetException e) {
            throw new UsageException(e.getMessage());
        }
        AnalysisResult result = new Analyzer(catalog, CheckRegistry.all(config), config, Profile.REGULAR, Set.of())
                .analyze(inventory);
        ScanReport scan = new ScanReport(inventory, result, catalog, root, VersionProvider.version(), Clock.systemUTC());

        RuleSet rules = ruleSources.load();
        for (RuleException refused : rules.refused()) {
            spec.commandLine().getErr().println("cimatrix report: rule refused: " + refused.describe());
        }
        Set<String> collected = logSourcesIn(logs);
        boolean definitionsScanned = !inventory.workflows().isEmpty() || !inventory.actions().isEmpty();
        Coverage coverage = new CoverageAnalyzer(catalog).analyze(scan.result(), definitionsScanned, rules.rules(),
                Declarations.of(List.of(), collected));
        List<String> repositories = scanTargets.stream().map(Path::toString).toList();
        ThreatModel model = new ThreatModel(scan, repositories, coverage, List.of(), rules.rules(), collected);
        Output.write(ThreatReportWriter.write(model, format), output, spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** The sources of the events in the given logs, recognised as {@code detect --source auto} does. */
    private Set<String> logSourcesIn(List<Path> files) {
        if (files.isEmpty()) {
            return Set.of();
        }
        // No rule is needed to tell sources apart, and without rules no baseline store is needed either.
        Detector reader = new Detector(RuleSet.builder().build(), Detector.Options.defaults(), null, alert -> { });
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--logs " + file + ": no such file");
            }
            reader.read(file, file.toString(), false, () -> true);
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
            return ScanConfigLoader.load(file, catalog.checks().stream().map(CheckInfo::id).collect(Collectors.toSet()));
        } catch (ScanConfigLoader.ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
