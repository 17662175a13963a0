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
        Files.createDirectories(root.resolve("ci"));
        Files.writeString(root.resolve("ci/.travis.yml"), "language: java\n");
        Files.writeString(root.resolve(".travis.yml"), "language: java\n");
        CliRun run = CliRun.of("scan", root.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).contains("found definitions of Travis CI (.travis.yml and 1 more), which this version "
                + "does not read yet", ".github/workflows/*.yml", "Jenkinsfile")
                .doesNotContain("no CI/CD definitions found");
        Files.writeString(root.resolve(".gitlab-ci.yml"), "build:\n  script: make\n");
        Files.writeString(root.resolve("ci/deploy.gitlab-ci.yml"), "deploy:\n  script: make deploy\n");
        CliRun gitlab = CliRun.of("scan", root.toString());
        assertThat(gitlab.out()).contains("2 files scanned");
        assertThat(gitlab.err()).contains("also found definitions of Travis CI (.travis.yml and 1 more), which this "
                + "version does not read yet");
        repository(root);
        CliRun mixed = CliRun.of("scan", root.toString());
        assertThat(mixed.out()).contains("4 files scanned");
    }

    /** The JSON summary counts each platform's files; an Azure template a pipeline takes in counts among them. */
    @Test
    void theSummaryCountsThePipelinesOfEachPlatform(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("eng"));
        Files.writeString(root.resolve("azure-pipelines.yml"), "pr: none\nsteps:\n  - template: eng/build.yml\n");
        Files.writeString(root.resolve("eng/build.yml"), "steps:\n  - bash: make\n");
        Files.writeString(root.resolve(".gitlab-ci.yml"), "build:\n  script: make\n");
        CliRun run = CliRun.of("scan", "--format", "json", root.toString());
        JsonNode summary = Json.mapper().readTree(run.out()).get("summary");
        assertThat(summary.get("files").asInt()).isEqualTo(3);
        assertThat(summary.get("azurePipelines").asInt()).isEqualTo(2);
        assertThat(summary.get("gitlabConfigurations").asInt()).isEqualTo(1);
        assertThat(summary.get("workflows").asInt()).isZero();
        assertThat(summary.get("jenkinsPipelines").asInt()).isZero();
        Files.writeString(root.resolve("Jenkinsfile"), "node { sh 'make' }\n");
        JsonNode withJenkins = Json.mapper().readTree(CliRun.of("scan", "--format", "json", root.toString()).out())
                .get("summary");
        assertThat(withJenkins.get("jenkinsPipelines").asInt()).isEqualTo(1);
        assertThat(withJenkins.get("files").asInt()).isEqualTo(4);
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
        assertThat(CliRun.of("scan", "--platform", "travis-ci", root.toString()).err())
                .contains("not supported yet").contains("gitlab-ci").contains("azure-pipelines").contains("circleci")
                .contains("bitbucket").contains("jenkins");
    }
}
