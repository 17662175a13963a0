package dev.cimatrix.report.threat;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.coverage.Coverage;
import dev.cimatrix.coverage.CoverageAnalyzer;
import dev.cimatrix.coverage.Declarations;
import dev.cimatrix.coverage.Declarations.DeclaredControl;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.report.scan.ScanReport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * A threat model over a real scan of {@code src/test/resources/scan/repo} with the built-in catalog and rules, the
 * GitHub audit log declared collected, one control declared in place, and two hand-written attack paths.
 */
final class ThreatSample {
    static final Path ROOT = Path.of("src", "test", "resources", "scan", "repo");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final String CI = ".github/workflows/ci.yml";

    private ThreatSample() {
    }

    static ThreatModel model() {
        Catalog catalog = Catalog.builtin();
        Inventory inventory;
        try {
            inventory = new Discovery().discover(ROOT, List.of(ROOT), null);
        } catch (Discovery.TargetException e) {
            throw new IllegalStateException(e);
        }
        AnalysisResult result = new Analyzer(catalog, CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.REGULAR, Set.of()).analyze(inventory);
        ScanReport scan = new ScanReport(inventory, result, catalog, ROOT, "0.1.0-test", Clock.fixed(NOW, ZoneOffset.UTC));
        List<Rule> rules = RuleSet.builder().builtin().build().rules();
        Set<String> collected = Set.of("github-audit");
        Coverage coverage = new CoverageAnalyzer(catalog).analyze(scan.result(), true, rules,
                Declarations.of(List.of(new DeclaredControl("CICD-M017", "implemented", "runner spending limits")), collected));
        return new ThreatModel(scan, List.of("example/repo"), DeclaredModel.absent(), coverage, paths(),
                List.of("repository example/repo: exposure not declared"), rules, collected);
    }

    static List<AttackPath> paths() {
        Location checkout = new Location(CI, 9, 9, 12, 36, "jobs.test.steps[0]");
        return List.of(
                new AttackPath("P1", 0.72, "outside contributor", "cloud account", List.of(
                        new AttackPath.Step("INIT/CICD-T004", "outside contributor", "ci.yml: test",
                                "pull_request_target runs for pull requests from forks", Location.line(CI, 3, "on")),
                        new AttackPath.Step("EXEC/CICD-T016", "ci.yml: test", "CI secrets",
                                "gha-untrusted-checkout: the pull request head runs with secrets", checkout),
                        new AttackPath.Step("CRED/CICD-T029", "CI secrets", "cloud account",
                                "the deploy key is an environment variable of the job", null))),
                new AttackPath("P2", 0.31, "compromised dependency", "package registry", List.of(
                        new AttackPath.Step("INIT/CICD-T006", "compromised dependency", "release.yml: publish",
                                "actions/setup-node is referenced by a movable tag",
                                Location.line(".github/workflows/release.yml", 14, "jobs.publish.steps[0].uses")),
                        new AttackPath.Step("IMPT/CICD-T043", "release.yml: publish", "package registry",
                                "the job publishes to the registry", null))));
    }
}
