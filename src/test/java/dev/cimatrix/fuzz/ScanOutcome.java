package dev.cimatrix.fuzz;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.fix.Fixer;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.paths.AttackPaths;
import dev.cimatrix.paths.PathLimits;
import dev.cimatrix.report.scan.ScanReport;
import dev.cimatrix.report.scan.ScanReportWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The property the scan fuzzer checks (docs/fuzzing.md), shared with the test that replays its findings: any bytes
 * as a file of any kind read go through the whole of a scan (reading, every check in every profile, attack paths,
 * every output format, the planning of fixes) without an exception, without a reader, a check or a fix failing, and
 * the file is in the inventory, read or with a problem of its own.
 */
public final class ScanOutcome {
    private static final Catalog CATALOG = Catalog.builtin();
    private static final ScanConfig CONFIG = ScanConfig.defaults();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private ScanOutcome() {
    }

    /** What a file is scanned as, by where it is. */
    public enum As {
        WORKFLOW(".github/workflows/fuzz.yml"), ACTION("fuzz/action.yml"), TERRAFORM("fuzz/main.tf"),
        DEPENDABOT(".github/dependabot.yml"), PRE_COMMIT(".pre-commit-config.yaml"), GITLAB(".gitlab-ci.yml"),
        AZURE("azure-pipelines.yml"), CIRCLECI(".circleci/config.yml"), BITBUCKET("bitbucket-pipelines.yml"),
        JENKINS("Jenkinsfile"), SETTINGS(".github/settings.yml"), GITLAB_SETTINGS("gitlab-settings.yml");

        private final String path;

        As(String path) {
            this.path = path;
        }
    }

    /** Scans {@code bytes} as a file of the kind {@code as} under {@code dir}. */
    public static void scanCleanly(byte[] bytes, As as, Path dir) throws IOException {
        Path file = dir.resolve(as.path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        try {
            Inventory inventory;
            try {
                inventory = new Discovery().discover(dir, List.of(file), null);
            } catch (Discovery.TargetException e) {
                throw new AssertionError("the file was refused as a target: " + e.getMessage(), e);
            }
            if (inventory.files().size() != 1) {
                throw new AssertionError("expected the one file in the inventory, found " + inventory.files());
            }
            // A reader that fails is caught and told as the file's problem, which keeps the scan going but is a defect.
            for (var problem : inventory.problems()) {
                if (problem.message().startsWith("internal error")) {
                    throw new AssertionError("the reader failed: " + problem);
                }
            }
            AnalysisResult result = null;
            for (Profile profile : Profile.values()) {
                result = new Analyzer(CATALOG, CheckRegistry.all(CONFIG), CONFIG, profile, Set.of()).analyze(inventory);
                if (!result.checkFailures().isEmpty()) {
                    throw new AssertionError("a check failed in the " + profile + " profile: " + result.checkFailures());
                }
            }
            // The fixes of the last profile's findings (the auditor's, which has them all): planned without a defect,
            // each file's new text read back as planned or the file left.
            Fixer.Plan fixes = Fixer.plan(dir, inventory, result.findings());
            for (Fixer.Unfixed unfixed : fixes.unfixed()) {
                if (unfixed.reason().startsWith(Fixer.FAILED)) {
                    throw new AssertionError("a fix failed: " + unfixed.reason());
                }
            }
            var paths = AttackPaths.analyse(inventory, result.findings(), DeclaredModel.absent(), PathLimits.DEFAULT);
            ScanReport report = new ScanReport(inventory, result, CATALOG, dir, "fuzz", CLOCK, paths.paths());
            for (ScanReportWriter.Format format : ScanReportWriter.Format.values()) {
                ScanReportWriter.write(report, format, ScanReportWriter.Options.plain());
            }
        } finally {
            Files.delete(file);
        }
    }
}
