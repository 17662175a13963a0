package dev.cimatrix.cli;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.paths.AttackPaths;
import dev.cimatrix.paths.PathAnalysis;
import dev.cimatrix.paths.PathLimits;
import dev.cimatrix.report.paths.PathsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "paths", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Chain weaknesses into attack paths: from entry points (outside contributor, compromised "
                + "dependency, …) through workflows, jobs and credentials to the assets at stake, each step a cell "
                + "of the CI/CD threat matrix.", "",
                "The threat model is what the scan discovers plus cimatrix-model.yml (at the scanned root, or --model).", ""},
        footer = {"", "Examples:",
                "  # ranked paths with their steps",
                "  cimatrix paths .",
                "  # the paths as a diagram",
                "  cimatrix paths --format mermaid . > paths.mmd",
                "  # with a declared threat model, as JSON",
                "  cimatrix paths --model threat.yml --format json repo/",
                "",
                "Exit codes: 0 done (paths or not), 2 bad usage, unreadable input or an invalid model file, 3 internal error."})
final class PathsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", parameterConsumer = PathArguments.class, arity = "0..*", description = "Directories or files to read (default: the current directory).")
    List<Path> targets = new ArrayList<>();

    @Option(names = "--model", paramLabel = "FILE",
            description = "Threat-model file (default: cimatrix-model.yml at the scanned root, when present).")
    Path model;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: text, or as the -o file's name ends: "
                    + ".json, .mmd, .dot).")
    PathsWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "10", description = "Most moves in a path (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--max-paths", paramLabel = "N", defaultValue = "100", description = "Most paths shown (default: ${DEFAULT-VALUE}).")
    int maxPaths;

    @Option(names = "--max-per-pair", paramLabel = "N", defaultValue = "5",
            description = "Most paths between one entry point and one asset (default: ${DEFAULT-VALUE}).")
    int maxPerPair;

    @Mixin
    GitignoreOption gitignore;

    @Override
    public Integer call() {
        format = FormatByName.resolve(format, output, Map.of(".json", PathsWriter.Format.json,
                ".mmd", PathsWriter.Format.mermaid, ".dot", PathsWriter.Format.dot), PathsWriter.Format.text);
        List<Path> readTargets = targets.isEmpty() ? List.of(Path.of(".")) : targets;
        Path root = readTargets.size() == 1 && Files.isDirectory(readTargets.get(0)) ? readTargets.get(0) : Path.of(".");
        UsageException.requireAtLeast("--max-length", maxLength, 1);
        UsageException.requireAtLeast("--max-paths", maxPaths, 1);
        UsageException.requireAtLeast("--max-per-pair", maxPerPair, 1);
        PathLimits limits = new PathLimits(maxLength, maxPaths, maxPerPair, PathLimits.DEFAULT.maxExpansions());
        Catalog catalog = Catalog.builtin();
        DeclaredModel declared = ThreatModelFile.read(model, root, catalog);
        Inventory inventory;
        try {
            inventory = gitignore.discovery().discover(root, readTargets, null, ProgressLine.filesRead(spec));
        } catch (Discovery.TargetException e) {
            throw new UsageException(e.getMessage());
        }
        DiscoveryNote.print(spec, readTargets, inventory);
        // Only the checks whose findings become moves run, at every confidence: likelihoods carry the doubt.
        Analyzer analyzer = new Analyzer(catalog, CheckRegistry.all(ScanConfig.defaults()).stream()
                .filter(c -> AttackPaths.EVIDENCE_CHECKS.contains(c.id())).toList(), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of());
        AnalysisResult result = analyzer.analyze(inventory);
        PathAnalysis analysis = AttackPaths.analyse(inventory, result.findings(), declared, limits);
        Output.write(PathsWriter.write(analysis, catalog, format), output, spec.commandLine().getOut());
        inventory.problems().forEach(p -> spec.commandLine().getErr().println(p.location().path() + ":"
                + p.location().startLine() + ": " + p.message()));
        return ExitCode.OK;
    }
}
