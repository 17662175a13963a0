package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Reference;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Platform;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.SourceFile;
import dev.cimatrix.model.Workflow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small scan built by hand over the real files of {@code src/test/resources/scan/repo}: five findings in
 * two workflows (with related locations, one spanning several lines, one on a hard-coded password), a clean
 * workflow, a workflow that does not parse, and a check that ran without findings.
 */
final class SampleScan {
    static final Path ROOT = Path.of("src", "test", "resources", "scan", "repo");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final String CI = ".github/workflows/ci.yml";
    static final String RELEASE = ".github/workflows/release.yml";
    static final String CLEAN = ".github/workflows/clean.yml";
    static final String BROKEN = ".github/workflows/broken.yml";

    private SampleScan() {
    }

    static Catalog catalog() {
        List<Tactic> tactics = List.of(
                tactic("INIT", "Initial Access"), tactic("EXEC", "Execution"), tactic("PERS", "Persistence"),
                tactic("CRED", "Credential Access"));
        List<Technique> techniques = List.of(
                technique("CICD-T004", "Public repositories", "INIT"),
                technique("CICD-T006", "Compromise CI/CD supply chain", "INIT"),
                technique("CICD-T016", "Modify CI/CD configurations", "EXEC", "PERS"),
                technique("CICD-T029", "Env variables stored in CI/CD", "CRED"));
        return new Catalog(tactics, techniques, List.of(), List.of(), checks());
    }

    static List<CheckInfo> checks() {
        return List.of(
                check("gha-template-injection", "Attacker-controlled expression expands into a script", Severity.HIGH,
                        Confidence.HIGH, List.of("INIT/CICD-T004", "EXEC/CICD-T016")),
                check("gha-untrusted-checkout", "Pull request code checked out in a privileged workflow",
                        Severity.CRITICAL, Confidence.HIGH, List.of("EXEC/CICD-T016", "PERS/CICD-T016", "CRED/CICD-T029")),
                check("gha-hardcoded-credential", "Credential written into the workflow", Severity.HIGH,
                        Confidence.HIGH, List.of("CRED/CICD-T029")),
                check("gha-missing-permissions", "Job runs with the repository's default token permissions",
                        Severity.MEDIUM, Confidence.MEDIUM, List.of("EXEC/CICD-T016")),
                check("gha-unpinned-action", "Action referenced by a movable tag", Severity.LOW, Confidence.HIGH,
                        List.of("INIT/CICD-T006")),
                check("gha-known-compromised-action", "Action version known to have been compromised",
                        Severity.CRITICAL, Confidence.HIGH, List.of("INIT/CICD-T006")));
    }

    static ScanReport report() {
        return report(ROOT, findings(), readProblems(), List.of());
    }

    static ScanReport report(Path root, List<Finding> findings, List<ReadProblem> readProblems,
                             List<ReadProblem> checkFailures) {
        List<SourceFile> files = List.of(
                file(CI, 422), file(RELEASE, 360), file(CLEAN, 110), file(BROKEN, 47));
        List<Workflow> workflows = List.of(workflow(CI, "ci", 17), workflow(RELEASE, "release", 17),
                workflow(CLEAN, "clean", 8));
        Inventory inventory = new Inventory(root.toString(), files, workflows, List.of(), readProblems, List.of());
        AnalysisResult result = new AnalysisResult(findings, checks(), 1, 2, checkFailures);
        return new ScanReport(inventory, result, catalog(), root, "0.1.0-test", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static List<ReadProblem> readProblems() {
        return List.of(new ReadProblem(new Location(BROKEN, 4, 10, 4, 18, "jobs.build"),
                "could not parse: expected ',' or ']', but got end of stream", true));
    }

    static List<Finding> findings() {
        Location trigger = new Location(CI, 3, 3, 3, 21, "on.pull_request_target");
        List<Finding> findings = new ArrayList<>();
        findings.add(finding("gha-template-injection",
                "github.event.pull_request.title, set by whoever opens the pull request, expands into a run script",
                Severity.HIGH, Confidence.HIGH, new Location(CI, 16, 28, 16, 65, "jobs.test.steps[2].run"),
                List.of(new RelatedLocation(trigger, "pull_request_target runs with the repository's secrets")),
                List.of("INIT/CICD-T004", "EXEC/CICD-T016"), "github.event.pull_request.title",
                Map.of("source", "github.event.pull_request.title", "trigger", "pull_request_target")));
        findings.add(finding("gha-untrusted-checkout",
                "Checks out the pull request head under pull_request_target, then runs it",
                Severity.CRITICAL, Confidence.MEDIUM, new Location(CI, 9, 9, 12, 36, "jobs.test.steps[0]"),
                List.of(new RelatedLocation(trigger, "pull_request_target runs with the repository's secrets"),
                        new RelatedLocation(new Location(CI, 13, 14, 13, 36, "jobs.test.steps[1].run"),
                                "npm install runs scripts from the checked-out package.json")),
                List.of("EXEC/CICD-T016", "PERS/CICD-T016", "CRED/CICD-T029"), "pull_request.head", Map.of()));
        findings.add(finding("gha-hardcoded-credential", "The registry password of container credentials is written in the workflow",
                Severity.HIGH, Confidence.HIGH,
                new Location(RELEASE, 12, 19, 12, 38, "jobs.publish.container.credentials.password"), List.of(),
                List.of("CRED/CICD-T029"), "password", Map.of()));
        findings.add(finding("gha-missing-permissions",
                "Job publish has no permissions block, so it gets the repository's default token permissions",
                Severity.MEDIUM, Confidence.MEDIUM, new Location(RELEASE, 6, 3, 6, 9, "jobs.publish"), List.of(),
                List.of("EXEC/CICD-T016"), "publish", Map.of()));
        findings.add(finding("gha-unpinned-action", "actions/setup-node@v4 is a tag its owner can move",
                Severity.LOW, Confidence.HIGH, new Location(RELEASE, 14, 15, 14, 35, "jobs.publish.steps[0].uses"),
                List.of(), List.of("INIT/CICD-T006"), "actions/setup-node", Map.of("ref", "v4")));
        return findings;
    }

    static Finding finding(String check, String message, Severity severity, Confidence confidence, Location at,
                           List<RelatedLocation> related, List<String> cells, String subject,
                           Map<String, String> properties) {
        String title = checks().stream().filter(c -> c.id().equals(check)).findFirst().orElseThrow().title();
        String fingerprint = Integer.toHexString((check + at.path() + at.route() + subject).hashCode());
        return new Finding(check, title, message, severity, confidence, at, related, cells, subject,
                "fp" + fingerprint, properties);
    }

    private static Tactic tactic(String id, String name) {
        return new Tactic(id, name, name.toLowerCase().replace(' ', '-'), List.of(), null, name + " tactic.");
    }

    private static Technique technique(String id, String name, String... tactics) {
        return new Technique(id, name, List.of(tactics), name + ": what the attacker does.", "", List.of(), null,
                List.of(), "", "", List.of(), List.of(), null);
    }

    private static CheckInfo check(String id, String title, Severity severity, Confidence confidence, List<String> cells) {
        return new CheckInfo(id, "github-actions", title, title + ", described at length.", severity, confidence,
                cells, List.of(), List.of(), "regular", "Do the safe thing instead of " + title.toLowerCase() + ".",
                List.of(new Reference("Docs for " + id, "https://example.org/" + id)));
    }

    private static SourceFile file(String path, long size) {
        return new SourceFile(path, Platform.GITHUB_ACTIONS, "workflow", size);
    }

    private static Workflow workflow(String path, String name, int lines) {
        return new Workflow(path, name, new Location(path, 1, 1, lines, 1, ""), List.of(), null, List.of(), null,
                List.of());
    }
}
