package dev.cimatrix.cli;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScanCommandTest {
    private static Path repository(Path root) throws IOException {
        Path workflows = Files.createDirectories(root.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("ci.yml"), """
                on: push
                permissions: {}
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: some-org/some-action@v1
                """);
        Files.writeString(workflows.resolve("broken.yml"), "on: push\njobs: [\n");
        return root;
    }

    @Test
    void scansADirectoryAndReportsFindingsAndProblems(@TempDir Path root) throws IOException {
        CliRun run = CliRun.of("scan", "--format", "json", repository(root).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("findings").get(0).get("check").asString()).isEqualTo("gha-unpinned-uses");
        assertThat(json.get("findings").get(0).get("location").get("path").asString()).isEqualTo(".github/workflows/ci.yml");
        assertThat(json.get("problems").get(0).toString()).contains("broken.yml");
    }

    /** A folder with nothing to read is a clean scan, with a note of what was looked for. */
    @Test
    void aFolderWithoutDefinitionsSaysWhatWasLookedFor(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("ci.yml"), "on: push\n");
        CliRun run = CliRun.of("scan", root.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("0 files scanned");
        assertThat(run.err()).contains("no CI/CD definitions found under " + root, ".github/workflows/*.yml",
                "--platform github-actions");
        CliRun named = CliRun.of("scan", "--platform", "github-actions", root.resolve("ci.yml").toString());
        assertThat(named.out()).contains("1 file scanned");
        assertThat(named.err()).doesNotContain("no CI/CD definitions");
        assertThat(CliRun.of("scan", repository(root).toString()).err()).doesNotContain("no CI/CD definitions");
    }

    /** In a git working tree, copies in ignored build outputs are left out, with a note, unless --no-gitignore. */
    @Test
    void whatGitIgnoresIsLeftOutWithANote(@TempDir Path root) throws IOException {
        repository(root);
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".gitignore"), "target/\n");
        Path copy = Files.createDirectories(root.resolve("target/classes/.github/workflows"));
        Files.copy(root.resolve(".github/workflows/ci.yml"), copy.resolve("ci.yml"));
        Files.copy(root.resolve(".github/workflows/ci.yml"), copy.resolve("release.yml"));
        CliRun run = CliRun.of("scan", "--fail-on", "none", root.toString());
        assertThat(run.out()).contains("2 files scanned");
        assertThat(run.err()).contains("left out 2 definition files that git ignores "
                + "(target/classes/.github/workflows/ci.yml and 1 more); --no-gitignore reads them");
        CliRun all = CliRun.of("scan", "--fail-on", "none", "--no-gitignore", root.toString());
        assertThat(all.out()).contains("4 files scanned");
        assertThat(all.err()).doesNotContain("git ignores");
        for (String command : new String[] {"paths", "report"}) {
            CliRun other = CliRun.of(command, "--no-gitignore", "--help");
            assertThat(other.exitCode()).as(command).isZero();
        }
    }

    /** In a repository of a platform not read yet, the note names what was found there. */
    @Test
    void aFolderOfAnotherPlatformSaysWhatWasFound(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve(".gitlab-ci.yml"), "build:\n  script: make\n");
        Files.createDirectories(root.resolve("ci"));
        Files.writeString(root.resolve("ci/deploy.gitlab-ci.yml"), "deploy:\n  script: make deploy\n");
        Files.writeString(root.resolve("azure-pipelines.yml"), "steps:\n  - script: make\n");
        CliRun run = CliRun.of("scan", root.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).contains("found definitions of GitLab CI (.gitlab-ci.yml and 1 more), Azure Pipelines "
                + "(azure-pipelines.yml), which this version does not read yet", ".github/workflows/*.yml")
                .doesNotContain("no CI/CD definitions found");
        repository(root);
        CliRun mixed = CliRun.of("scan", root.toString());
        assertThat(mixed.out()).contains("2 files scanned");
        assertThat(mixed.err()).contains("also found definitions of GitLab CI (.gitlab-ci.yml and 1 more), Azure "
                + "Pipelines (azure-pipelines.yml), which this version does not read yet");
        CliRun named = CliRun.of("scan", root.resolve(".gitlab-ci.yml").toString());
        assertThat(named.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(named.out()).contains("GitLab CI definitions are not read yet", "1 file scanned")
                .doesNotContain("no 'jobs'");
    }

    @Test
    void failOnSetsTheExitCode(@TempDir Path root) throws IOException {
        repository(root);
        assertThat(CliRun.of("scan", "--fail-on", "medium", root.toString()).exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(CliRun.of("scan", "--fail-on", "critical", root.toString()).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(CliRun.of("scan", "--fail-on", "none", root.toString()).exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aBaselineHidesKnownFindings(@TempDir Path root, @TempDir Path out) throws IOException {
        repository(root);
        Path baseline = out.resolve("baseline.json");
        int found = Json.mapper().readTree(CliRun.of("scan", "--format", "json", root.toString()).out()).get("findings").size();
        CliRun.of("scan", "--write-baseline", baseline.toString(), root.toString());
        CliRun run = CliRun.of("scan", "--format", "json", "--baseline", baseline.toString(), root.toString());
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(found).isPositive();
        assertThat(json.get("findings")).isEmpty();
        assertThat(json.get("summary").get("baselined").asInt()).isEqualTo(found);
    }

    @Test
    void configurationDisablesChecksAndNamesMistakesWithTheirLine(@TempDir Path root) throws IOException {
        repository(root);
        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-unpinned-uses:\n    enabled: false\n");
        JsonNode json = Json.mapper().readTree(CliRun.of("scan", "--format", "json", root.toString()).out());
        assertThat(json.get("findings").valueStream().map(f -> f.get("check").asString())).doesNotContain("gha-unpinned-uses");

        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-unpined-uses:\n    enabled: false\n");
        CliRun bad = CliRun.of("scan", root.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err())
                .contains(".cimatrix.yml:2: unknown check 'gha-unpined-uses' (did you mean gha-unpinned-uses");

        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  untrusted-checkout:\n    enabled: false\n");
        assertThat(CliRun.of("scan", root.toString()).err())
                .contains("unknown check 'untrusted-checkout' (did you mean gha-untrusted-checkout?)");

        // A misspelt option would leave a policy unenforced without a word.
        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-forbidden-uses:\n    alow: [actions/*]\n");
        CliRun option = CliRun.of("scan", root.toString());
        assertThat(option.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(option.err()).contains(".cimatrix.yml:3: unknown option 'alow' of gha-forbidden-uses; it takes "
                + "enabled, severity, allow and deny (did you mean allow?)");
        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-forbidden-uses:\n    allow:\n      actions: '*'\n");
        assertThat(CliRun.of("scan", root.toString()).err())
                .contains(".cimatrix.yml:4: 'allow' of gha-forbidden-uses must be a name or a list of names");
        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-forbidden-uses:\n    allow: [[actions/*]]\n");
        assertThat(CliRun.of("scan", root.toString()).err())
                .contains(".cimatrix.yml:3: expected an item of 'allow' of gha-forbidden-uses here");
        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-debug-session:\n    days: 3\n");
        assertThat(CliRun.of("scan", root.toString()).err())
                .contains("unknown option 'days' of gha-debug-session; it takes enabled and severity");
    }

    /** The checks as the configuration leaves them: which run and at what severity, as a table or JSON, nothing scanned. */
    @Test
    void listChecksShowsTheConfigurationAppliedAndScansNothing(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve(".cimatrix.yml"),
                "checks:\n  gha-unpinned-uses:\n    enabled: false\n  gha-debug-enabled:\n    severity: high\n");
        CliRun table = CliRun.of("scan", "--list-checks", root.toString());
        assertThat(table.exitCode()).isZero();
        int checks = Catalog.builtin().checks().size();
        assertThat(table.out()).startsWith("ID ")
                .containsPattern("(?m)^gha-unpinned-uses +\\S+ +\\S+ +\\S+ +no  ")
                .containsPattern("(?m)^gha-debug-enabled +high +high +regular +yes ")
                .containsPattern("(?m)^gha-forbidden-uses +high +high +regular +idle ")
                .contains(checks + " checks, " + (checks - 1) + " run (1 idle: the configuration gives it nothing to look for");

        JsonNode json = Json.mapper().readTree(CliRun.of("scan", "--list-checks", "--format", "json", root.toString()).out());
        assertThat(json.get("checks")).hasSize(checks);
        JsonNode unpinned = json.get("checks").valueStream()
                .filter(c -> c.get("id").asString().equals("gha-unpinned-uses")).findFirst().orElseThrow();
        assertThat(unpinned.get("enabled").asBoolean()).isFalse();
        assertThat(json.get("checks").valueStream().filter(c -> c.get("idle").asBoolean()).map(c -> c.get("id").asString()))
                .containsExactly("gha-forbidden-uses");
        // Given a policy, it has something to look for.
        Files.writeString(root.resolve(".cimatrix.yml"), "checks:\n  gha-forbidden-uses:\n    allow: [actions/*]\n");
        assertThat(CliRun.of("scan", "--list-checks", root.toString()).out())
                .containsPattern("(?m)^gha-forbidden-uses +high +high +regular +yes ").doesNotContain("idle");
        assertThat(unpinned.get("cells").size()).isPositive();
        // Which checks --fix can fix, and how.
        assertThat(table.out()).containsPattern("(?m)^gha-template-injection +\\S+ +\\S+ +\\S+ +yes +yes  ")
                .containsPattern("(?m)^gha-unpinned-uses +\\S+ +\\S+ +\\S+ +no +[A-Z]");
        assertThat(json.get("checks").valueStream().filter(c -> c.has("fix")).map(c -> c.get("id").asString()))
                .containsExactlyInAnyOrder("dependabot-cooldown", "gha-artipacked", "gha-excessive-permissions",
                        "gha-template-injection", "gha-unsound-condition");
    }

    /** A hostile or broken configuration is a usage error naming its line, never a crash. */
    @Test
    void configurationThatIsNotAConfigurationIsAUsageErrorAtItsLine(@TempDir Path root) throws IOException {
        repository(root);
        Path config = root.resolve(".cimatrix.yml");
        Files.writeString(config, "checks: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
        CliRun deep = CliRun.of("scan", root.toString());
        assertThat(deep.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(deep.err()).contains(".cimatrix.yml:1: nested more than 64 levels deep");

        Files.write(config, new byte[] {'c', 'h', 'e', 'c', 'k', 's', ':', '\n', ' ', ' ', 'a', ':', ' ', (byte) 0xFF});
        CliRun notUtf8 = CliRun.of("scan", root.toString());
        assertThat(notUtf8.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notUtf8.err()).contains(".cimatrix.yml:2: not valid UTF-8: byte 0xFF");

        Files.writeString(config, "ignore:\n  - docs/**\n  - '['\n");
        CliRun badPattern = CliRun.of("scan", root.toString());
        assertThat(badPattern.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badPattern.err()).contains(".cimatrix.yml:3: '[' is not a path pattern: a '[' class is not closed with ']'");
    }

    @Test
    void usageMistakesExit2WithOneLine(@TempDir Path root) {
        assertThat(CliRun.of("scan", root.resolve("missing").toString()).err()).contains("no such file or directory");
        CliRun format = CliRun.of("scan", "--format", "xml", root.toString());
        assertThat(format.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(format.err()).contains("text, json, sarif, github, markdown");
        CliRun severity = CliRun.of("scan", "--fail-on", "severe", root.toString());
        assertThat(severity.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(severity.err()).contains("expected info, low, medium, high or critical or none");
        assertThat(CliRun.of("scan", "--platform", "gitlab-ci", root.toString()).err()).contains("not supported yet");
    }
}
