package dev.cimatrix.cli;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    private static final String EXAMPLE = "examples/seed-attack";

    @Test
    void theDocumentOfTheExampleFollowsTheMethodAndShowsTheSeedPath(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("THREAT-MODEL.md");
        CliRun run = CliRun.of("report", EXAMPLE, "--format", "markdown", "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String md = Files.readString(out);
        assertThat(md).contains("## 1. Inputs", "## 2. Risks", "## 3. Attack paths", "## 4. Log sources and detections",
                "## 5. Coverage of the matrix", "## 6. Findings", "### Declared in `cimatrix-model.yml`");
        String firstPath = md.substring(md.indexOf("### P1"), md.indexOf("### P2"));
        assertThat(firstPath).containsSubsequence("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T016",
                "CRED/CICD-T029");
        // The model declares the GitHub audit log collected, so rules over it count as detection.
        assertThat(md).contains("`github-audit` GitHub audit log | yes |");
    }

    @Test
    void theNavigatorLayerScoresEveryCell(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("coverage.json");
        CliRun run = CliRun.of("report", EXAMPLE, "--format", "navigator", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode layer = Json.mapper().readTree(Files.readString(out));
        assertThat(layer.get("techniques").size()).isGreaterThanOrEqualTo(49);
        assertThat(layer.get("legendItems").size()).isEqualTo(4);
    }

    @Test
    void theSourcesOfLogsGivenCountAsCollected(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("k8s.jsonl");
        Files.writeString(log, """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/production/pods","verb":"list","user":{"username":"system:serviceaccount:ci:deployer"},"sourceIPs":["203.0.113.42"],"objectRef":{"resource":"pods","namespace":"production","apiVersion":"v1"},"responseStatus":{"code":200},"requestReceivedTimestamp":"2025-11-22T09:00:00.000000Z","stageTimestamp":"2025-11-22T09:00:00.100000Z"}
                """);
        Path out = dir.resolve("r.md");
        CliRun run = CliRun.of("report", EXAMPLE, "--logs", log.toString(), "--format", "markdown", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out)).contains("`k8s-audit` Kubernetes API server audit log | yes |");
    }

    /**
     * A folder of logs counts as the logs in it; a folder with no events, such as a TARGET taken by --logs (which
     * reads values up to the next option), is a usage error that says so rather than a report of another folder.
     */
    @Test
    void aFolderOfLogsCountsAndOneWithoutEventsIsAnError(@TempDir Path dir) throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs/2026-12"));
        Files.writeString(logs.resolve("audit.jsonl"), "{\"actor\":\"cat\",\"action\":\"protected_branch.destroy\","
                + "\"created_at\":1621305118553,\"org\":\"my-org\",\"repo\":\"my-org/my-repo\"}\n");
        Files.writeString(logs.resolve("README.md"), "# exported audit logs\n");
        Path out = dir.resolve("r.md");
        CliRun run = CliRun.of("report", EXAMPLE, "--logs", dir.resolve("logs").toString(), "--format", "markdown",
                "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out)).contains("`github-audit` GitHub audit log | yes |");

        CliRun swallowed = CliRun.of("report", "--logs", dir.resolve("logs").toString(), EXAMPLE, "--format",
                "markdown", "-o", out.toString());
        assertThat(swallowed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(swallowed.err()).contains("--logs " + EXAMPLE + ": a folder with no log events in it");
    }

    /** A GitLab CI project's document lists its configuration, images and includes, and counts its checks. */
    /** A settings snapshot alone is something to verify: a check that read its rules and found nothing passes. */
    @Test
    void settingsAloneVerifyTheControlsTheyState(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.md");
        CliRun run = CliRun.of("report", "src/test/resources/checks/github-branch-review/reviewed.yml", "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out))
                .contains("| CICD-M079 Protect default and release branches with pull requests, reviews and status "
                        + "checks | pass | verified by github-branch-review with no finding |")
                .contains("| CICD-M019 Make the default workflow token read-only and grant permissions per job | unknown |")
                .contains("### Settings").contains("| GitHub repository, default branch main | 2 branch protection rules |");
    }

    @Test
    void aGitlabProjectIsModelledToo(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve(".gitlab-ci.yml"), """
                include:
                  - project: group/templates
                    ref: v1
                    file: /build.yml
                build:
                  image: alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                  script: make
                """);
        Path out = dir.resolve("r.md");
        CliRun run = CliRun.of("report", repo.toString(), "--format", "markdown", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String md = Files.readString(out);
        assertThat(md).contains("| `.gitlab-ci.yml` |  | 1 |", "| included configuration | `group/templates@v1` |",
                "| container image | `alpine:3.20@sha256:");
        assertThat(md).contains("| CICD-M004 Pin pipeline includes, components, orbs and templates to immutable versions "
                + "| fail | 1 finding of gitlab-unpinned-include |");
        assertThat(md).containsPattern("CICD-M015 [^|]+\\| pass \\| verified by gitlab-input-injection, "
                + "gitlab-variable-injection with no finding");
    }

    /** Like a scan, a report of a folder with nothing to read says what it looked for and what it found. */
    @Test
    void aFolderWithNothingToReadIsNoted(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path out = dir.resolve("r.md");
        CliRun empty = CliRun.of("report", repo.toString(), "--format", "markdown", "-o", out.toString());
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.err()).contains("cimatrix report: no CI/CD definitions found under " + repo);
        Files.writeString(repo.resolve(".drone.yml"), "kind: pipeline\n");
        CliRun other = CliRun.of("paths", repo.toString());
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.err()).contains("cimatrix paths: found definitions of Drone (.drone.yml), which this "
                + "version does not read yet");
        assertThat(CliRun.of("report", EXAMPLE, "--format", "markdown", "-o", out.toString()).err())
                .doesNotContain("definitions");
    }

    @Test
    void formatAndOutputAreRequired() {
        CliRun run = CliRun.of("report", EXAMPLE, "--format", "html");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--output");
    }

    @Test
    void aMissingModelFileIsABadCommandLine(@TempDir Path dir) {
        CliRun run = CliRun.of("report", EXAMPLE, "--model", dir.resolve("none.yml").toString(), "--format",
                "markdown", "-o", dir.resolve("r.md").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("no such model file");
    }
}
