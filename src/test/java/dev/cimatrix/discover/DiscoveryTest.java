package dev.cimatrix.discover;

import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.Platform;
import dev.cimatrix.model.PreCommitConfig;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.SourceFile;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DiscoveryTest {
    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void readsWorkflowsAndActionsAtTheirConventionalPaths(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/ci.yml", """
                name: CI
                on:
                  pull_request_target:
                    types: [opened, synchronize]
                permissions:
                  contents: read
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    if: github.event.pull_request.head.repo.fork
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.pull_request.head.sha }}
                      - run: echo "${{ github.event.pull_request.title }}" # cimatrix: ignore[gha-template-injection] checked
                """);
        write(root, ".github/actions/setup/action.yml", """
                name: setup
                inputs:
                  version:
                    default: "1"
                runs:
                  using: composite
                  steps:
                    - run: echo ${{ inputs.version }}
                      shell: bash
                """);
        write(root, "node_modules/x/action.yml", "runs: {using: node20, main: index.js}\n");
        write(root, ".github/workflows/nested/ignored.yml", "on: push\njobs: {}\n");
        write(root, "README.md", "# not read\n");

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.files()).extracting(f -> f.path())
                .containsExactly(".github/actions/setup/action.yml", ".github/workflows/ci.yml");
        assertThat(inventory.problems()).isEmpty();
        Workflow workflow = inventory.workflows().get(0);
        assertThat(workflow.trigger("pull_request_target").orElseThrow().types()).containsExactly("opened", "synchronize");
        assertThat(workflow.permissions().level("contents")).isEqualTo(Permissions.Level.READ);
        Job job = workflow.job("build").orElseThrow();
        assertThat(job.condition().parsed().form()).isEqualTo(Condition.Form.BARE_EXPRESSION);
        Step checkout = job.steps().get(0);
        assertThat(checkout.uses().refKind()).isEqualTo(ActionRef.RefKind.TAG);
        assertThat(checkout.uses().repository()).isEqualTo("actions/checkout");
        var ref = checkout.input("ref").orElseThrow().value();
        assertThat(ref.expressions()).hasSize(1);
        assertThat(ref.expressions().get(0).source().strip()).isEqualTo("github.event.pull_request.head.sha");
        assertThat(ref.expressions().get(0).location().startLine()).isEqualTo(14);
        Step run = job.steps().get(1);
        assertThat(run.run().expressions().get(0).location().startLine()).isEqualTo(15);
        assertThat(run.run().expressions().get(0).location().startColumn()).isEqualTo(20);
        assertThat(run.location().route()).isEqualTo("jobs.build.steps[1]");
        assertThat(inventory.suppressions()).singleElement()
                .satisfies(s -> assertThat(s.checkIds()).containsExactly("gha-template-injection"));
        assertThat(inventory.actions().get(0).isComposite()).isTrue();
        assertThat(inventory.actionIn("./.github/actions/setup")).isPresent();
    }

    /**
     * The steps of a {@code parallel:} group are read in their place among the job's steps, in the order written, with
     * their own routes; control steps ({@code wait:}, {@code wait-all:}, {@code cancel:}) and {@code background: true}
     * are valid syntax, read without a warning.
     */
    @Test
    void parallelGroupsAndBackgroundStepsAreReadInTheirPlace(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/ci.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v6
                      - parallel:
                          - id: front
                            run: npm run build:frontend
                          - id: back
                            run: npm run build:backend
                      - id: server
                        run: npm start
                        background: true
                      - wait: server
                      - wait-all:
                      - cancel: server
                      - run: npm test
                      - parallel: not a list
                """);

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        List<Step> steps = inventory.workflows().get(0).job("build").orElseThrow().steps();
        assertThat(steps).extracting(Step::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(steps).extracting(Step::id).containsExactly(null, "front", "back", "server", null, null, null, null);
        assertThat(steps.get(2).run().value()).isEqualTo("npm run build:backend");
        assertThat(steps.get(2).location().route()).isEqualTo("jobs.build.steps[1].parallel[1]");
        assertThat(steps.get(7).run().value()).isEqualTo("npm test");
        assertThat(inventory.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("'parallel' should be a list of steps");
            assertThat(p.location().startLine()).isEqualTo(19);
        });
    }

    @Test
    void thousandsOfWarningsInAFileAreToldAsAHundredAndOneLineForTheRest(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: make\n" + "# cimatrix: ignore[no-such-check]\n".repeat(3_000)
                + "      - run: echo ${{ foo( }}\n".repeat(2_000));
        write(root, ".github/workflows/other.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo ${{ foo( }}\n".repeat(Discovery.MAX_WARNINGS_TOLD));

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.suppressions()).hasSize(3_000);
        assertThat(inventory.problems()).allMatch(p -> !p.fatal());
        List<ReadProblem> ci = inventory.problems().stream().filter(p -> p.location().path().endsWith("ci.yml")).toList();
        assertThat(ci).hasSize(Discovery.MAX_WARNINGS_TOLD + 1);
        assertThat(ci.get(0).message()).startsWith("the suppression names check 'no-such-check'");
        ReadProblem rest = ci.get(Discovery.MAX_WARNINGS_TOLD);
        assertThat(rest.message()).isEqualTo("4900 more warnings from here on in this file are not listed one by one");
        assertThat(rest.location().startLine()).isEqualTo(7 + Discovery.MAX_WARNINGS_TOLD);
        assertThat(inventory.problems()).filteredOn(p -> p.location().path().endsWith("other.yml"))
                .hasSize(Discovery.MAX_WARNINGS_TOLD).allMatch(p -> p.message().startsWith("invalid expression"));
    }

    @Test
    void permissionsGitHubWouldRefuseAreWarningsAtTheirLinesAndTheRestIsStillRead(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/ci.yml", """
                on: push
                permissions: write
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    permissions:
                      check: write
                      issues: readable
                      id-token: read
                      models: write
                      pages: READ
                      copilot-requests: write
                      not-a-scope: none
                      contents: write
                    steps:
                      - run: make
                  test:
                    runs-on: ubuntu-latest
                    permissions:
                    steps:
                      - run: make
                  lint:
                    runs-on: ubuntu-latest
                    permissions: [contents]
                    steps:
                      - run: make
                """);

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.problems()).allMatch(p -> !p.fatal()).extracting(p -> p.location().startLine(),
                ReadProblem::message).containsExactly(
                tuple(2, "unknown permissions value 'write': a whole block is read-all, write-all or {}, and single "
                        + "scopes are written as a mapping"),
                tuple(7, "unknown permission scope 'check' (did you mean checks?); GitHub refuses a workflow that "
                        + "names a scope it does not have"),
                tuple(8, "permission level 'readable' should be read, write or none"),
                tuple(9, "scope id-token takes write or none, not read, and GitHub refuses the workflow"),
                tuple(10, "scope models takes read or none, not write, and GitHub refuses the workflow"),
                tuple(11, "permission level 'READ' should be written in lower case: read"),
                tuple(13, "permission scope 'not-a-scope' is none of those this version knows ("
                        + String.join(", ", Permissions.SCOPES.keySet())
                        + "); GitHub refuses a workflow that names a scope it does not have"),
                tuple(19, "'permissions' has no value, which GitHub does not take; write {} for no permissions "
                        + "(read here as {})"),
                tuple(24, "'permissions' should be read-all, write-all or a mapping of scopes"));
        Permissions build = inventory.workflows().get(0).job("build").orElseThrow().permissions();
        assertThat(build.level("contents")).isEqualTo(Permissions.Level.WRITE);
        assertThat(build.level("pages")).isEqualTo(Permissions.Level.READ);
        assertThat(build.level("copilot-requests")).isEqualTo(Permissions.Level.WRITE);
        assertThat(build.level("issues")).isEqualTo(Permissions.Level.NONE);
    }

    @Test
    void aSuppressionNamingNoCheckIsAWarningAtItsLine(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/ci.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest  # cimatrix: ignore reviewed
                    steps:
                      - uses: actions/checkout@v4  # cimatrix: ignore[gha-unpinned-uses, gha-unpined-use] pinned later
                      - run: make  # cimatrix: ignore[nothing-like-it]
                """);

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.workflows()).hasSize(1);
        assertThat(inventory.suppressions()).hasSize(3);
        assertThat(inventory.problems()).extracting(p -> p.location().startLine(), ReadProblem::message,
                ReadProblem::fatal).containsExactly(
                tuple(6, "the suppression names check 'gha-unpined-use', which does not exist (did you mean "
                        + "gha-unpinned-uses?), so it silences nothing", false),
                tuple(7, "the suppression names check 'nothing-like-it', which does not exist, so it silences "
                        + "nothing", false));
    }

    @Test
    void workflowsAndLocalActionsAreFoundByPathAmongMany(@TempDir Path root) throws Exception {
        String action = "runs: {using: composite, steps: [{run: ls, shell: bash}]}\n";
        // Folder names that sort apart from their paths: "a-b/action.yml" comes before "a/action.yml", "a/x/…" after.
        for (String dir : List.of("a", "a-b", "a/x", "a0", "b")) {
            write(root, ".github/actions/" + dir + "/action.yml", action);
        }
        write(root, ".github/actions/c/action.yaml", action);
        write(root, ".github/actions/d/x/action.yml", action);
        for (int i = 0; i < 40; i++) {
            write(root, ".github/workflows/w" + i + ".yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: ls}]\n");
        }

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        for (int i = 0; i < 40; i++) {
            String path = ".github/workflows/w" + i + ".yml";
            assertThat(inventory.workflow(path)).map(Workflow::path).contains(path);
        }
        assertThat(inventory.workflow(".github/workflows/w40.yml")).isEmpty();
        assertThat(inventory.workflow(".github/workflows/w1")).isEmpty();
        assertThat(inventory.workflow("")).isEmpty();
        for (String dir : List.of("a", "a-b", "a/x", "a0", "b", "d/x")) {
            assertThat(inventory.actionIn("./.github/actions/" + dir + "/")).map(a -> a.path())
                    .contains(".github/actions/" + dir + "/action.yml");
        }
        assertThat(inventory.actionIn(".github/actions/c")).map(a -> a.path()).contains(".github/actions/c/action.yaml");
        assertThat(inventory.actionIn(".github/actions/d")).isEmpty();
        assertThat(inventory.actionIn(".github/actions")).isEmpty();
        assertThat(inventory.actionIn("./")).isEmpty();
    }

    @Test
    void aBrokenFileIsAProblemAndTheOthersAreStillRead(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/good.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: ls}]\n");
        write(root, ".github/workflows/bad.yml", "on: push\njobs:\n  a: [\n");
        Files.write(root.resolve(".github/workflows/binary.yml"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
        write(root, ".github/workflows/list.yml", "- just\n- a list\n");

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.files()).hasSize(4);
        assertThat(inventory.workflows()).extracting(Workflow::path).containsExactly(".github/workflows/good.yml");
        assertThat(inventory.problems()).extracting(p -> p.location().path()).containsExactly(
                ".github/workflows/bad.yml", ".github/workflows/binary.yml", ".github/workflows/list.yml");
        assertThat(inventory.problems()).allMatch(ReadProblem::fatal);
        assertThat(inventory.problems().get(0).location().startLine()).isGreaterThanOrEqualTo(3);
    }

    /**
     * A '\' is part of a file's name on Linux, not a separator: a workflow named with one is read like any other,
     * where it once passed unread, found under a folder that does not exist.
     */
    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
    void aBackslashInAFileNameIsPartOfTheName(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/deploy\\prod.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: ls}]\n");
        write(root, "tools\\build/action.yml", "name: b\nruns:\n  using: composite\n  steps: []\n");
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.workflows()).extracting(Workflow::path).containsExactly(".github/workflows/deploy\\prod.yml");
        assertThat(inventory.actions()).extracting(a -> a.path()).containsExactly("tools\\build/action.yml");
        Inventory named = new Discovery().discover(root, List.of(root.resolve(".github/workflows/deploy\\prod.yml")), null);
        assertThat(named.workflows()).extracting(Workflow::path).containsExactly(".github/workflows/deploy\\prod.yml");
    }

    @Test
    void aMissingTargetIsNamed(@TempDir Path root) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Discovery().discover(root, List.of(Path.of("nope")), null))
                .isInstanceOf(Discovery.TargetException.class).hasMessage("nope: no such file or directory");
    }

    @Test
    void everyRealWorldWorkflowIsReadOrReported() throws Exception {
        Path corpus = SharedData.file("corpus/real-world/github-actions");
        assumeTrue(Files.isDirectory(corpus), "shared corpus not present");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList();
        }
        Inventory inventory = new Discovery().discover(corpus, files, null);
        assertThat(inventory.files()).hasSize(files.size());
        long fatal = inventory.problems().stream().filter(ReadProblem::fatal).count();
        assertThat(inventory.workflows().size() + inventory.actions().size() + fatal).isEqualTo(files.size());
        assertThat(files.size()).isGreaterThan(2000);
    }

    @Test
    void otherPlatformsAreToldByTheirConventionalNames() {
        Map<String, Platform> expected = new java.util.LinkedHashMap<>();
        expected.put(".travis.yml", Platform.TRAVIS_CI);
        expected.put(".drone.yml", Platform.DRONE);
        expected.put("sub/.drone.yaml", Platform.DRONE);
        expected.put(".woodpecker.yml", Platform.WOODPECKER);
        expected.put(".woodpecker/build.yaml", Platform.WOODPECKER);
        expected.put(".buildkite/pipeline.yml", Platform.BUILDKITE);
        expected.put(".buildkite/pipeline.deploy.yml", Platform.BUILDKITE);
        expected.put("buildspec.yml", Platform.AWS_CODEBUILD);
        expected.put("deploy/cloudbuild.yaml", Platform.GOOGLE_CLOUD_BUILD);
        expected.forEach((path, platform) -> assertThat(FileFinder.unreadPlatformByPath(path)).as(path).contains(platform));
        for (String path : List.of(".github/workflows/ci.yml", "action.yml", "config.yml", "ci/config.yml",
                "gitlab-ci.txt", "azure-pipelines.json", "docs/jenkins.md", "main.tf", ".gitlab-ci.yml",
                "azure-pipelines.yml", ".circleci/config.yml", "bitbucket-pipelines.yml", "Jenkinsfile", "travis.yml",
                ".buildkite/hooks.yml", "docs/drone.md")) {
            assertThat(FileFinder.unreadPlatformByPath(path)).as(path).isEmpty();
        }
        for (String path : List.of("Jenkinsfile", "ci/Jenkinsfile.release", "ci/nightly.jenkinsfile",
                "Jenkinsfile-nightly", "ci/jenkins/generated/arm_jenkinsfile.groovy", "Jenkinsfile.groovy",
                "vars/deployApp.groovy", "shared-lib/vars/gitPush.groovy")) {
            assertThat(FileFinder.kindByPath(path)).as(path).contains(SourceKind.JENKINS);
        }
        for (String path : List.of("Jenkinsfile.md", "docs/Jenkinsfile.example", "Jenkinsfile.j2", "src/Build.groovy",
                "build.gradle", "vars/README.md", "vars/sub/x.groovy", "myvars/x.groovy", "docs/jenkins.md")) {
            assertThat(FileFinder.kindByPath(path)).as(path).isEmpty();
        }
        for (String path : List.of(".gitlab-ci.yml", "ci/templates/Deploy.gitlab-ci.yaml", "sub/.gitlab-ci.yaml")) {
            assertThat(FileFinder.kindByPath(path)).as(path).contains(SourceKind.GITLAB_CI);
        }
        for (String path : List.of("azure-pipelines.yml", "build/.azure-pipelines.yaml", "azure-pipelines-pr.yml",
                "ci/release.azure-pipelines.yml", "azure-pipelines/build.yml", ".azure-pipelines/templates/matrix.yml")) {
            assertThat(FileFinder.kindByPath(path)).as(path).contains(SourceKind.AZURE_PIPELINES);
        }
        for (String path : List.of(".circleci/config.yml", "sub/.circleci/config.yaml")) {
            assertThat(FileFinder.kindByPath(path)).as(path).contains(SourceKind.CIRCLECI);
        }
        assertThat(FileFinder.kindByPath("bitbucket-pipelines.yml")).contains(SourceKind.BITBUCKET);
        for (String path : List.of("gitlab-ci.yml", ".gitlab/ci/build.yml", "gitlab-ci.txt", "azure-pipelines.json",
                "eng/pipelines/build.yml")) {
            assertThat(FileFinder.kindByPath(path)).as(path).isEmpty();
        }
    }

    /** The platform a path names by convention, read or not. */
    private static Optional<Platform> platformByName(String path) {
        return FileFinder.kindByPath(path).map(SourceKind::platform).or(() -> FileFinder.unreadPlatformByPath(path));
    }

    /** Against the real-world corpus, whose index says each file's platform: no file is taken for another's. */
    @Test
    void conventionalNamesNeverMistakeOnePlatformForAnother() throws IOException {
        Path index = SharedData.file("corpus/real-world/index.jsonl");
        assumeTrue(Files.isRegularFile(index), "shared corpus not present");
        Map<String, Platform> platforms = Map.of("github-actions", Platform.GITHUB_ACTIONS,
                "gitlab-ci", Platform.GITLAB_CI, "azure", Platform.AZURE_PIPELINES, "jenkins", Platform.JENKINS,
                "circleci", Platform.CIRCLECI, "bitbucket", Platform.BITBUCKET);
        Set<String> entryPoints = Set.of(".gitlab-ci.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml",
                "Jenkinsfile");
        JsonMapper json = JsonMapper.builder().build();
        int told = 0;
        int entries = 0;
        for (String line : Files.readAllLines(index)) {
            JsonNode file = json.readTree(line);
            String path = file.get("source_path").asString();
            Platform platform = platforms.get(file.get("platform").asString());
            assertThat(platform).as(line).isNotNull();
            Optional<Platform> byName = platformByName(path);
            // A workflow's platform needs its folder too; any other platform told by name must be the file's own.
            if (byName.isPresent() && byName.get() != Platform.GITHUB_ACTIONS) {
                assertThat(byName.get()).as(path).isEqualTo(platform);
                told++;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (entryPoints.contains(name) || path.endsWith(".circleci/config.yml")) {
                assertThat(byName).as(path).contains(platform);
                entries++;
            }
        }
        assertThat(entries).isGreaterThanOrEqualTo(40);
        assertThat(told).isGreaterThanOrEqualTo(entries);
    }

    /** A named file of a platform not read yet is listed and reported as such; a folder's are found on request. */
    @Test
    void aNamedFileOfAnotherPlatformIsReportedNotMisread(@TempDir Path root) throws Exception {
        write(root, ".travis.yml", "language: java\n");
        write(root, ".drone.yml", "kind: pipeline\n");
        Inventory named = new Discovery().discover(root, List.of(root.resolve(".travis.yml"),
                root.resolve(".drone.yml"), root.resolve(".travis.yml")), null);
        assertThat(named.files()).extracting(f -> f.path() + " " + f.platform())
                .containsExactly(".drone.yml DRONE", ".travis.yml TRAVIS_CI");
        assertThat(named.problems()).extracting(ReadProblem::message).containsExactlyInAnyOrder(
                Discovery.notReadYet(Platform.TRAVIS_CI), Discovery.notReadYet(Platform.DRONE));
        assertThat(named.problems()).allMatch(ReadProblem::fatal);
        assertThat(Discovery.notReadYet(Platform.TRAVIS_CI)).startsWith("Travis CI definitions are not read yet")
                .contains("GitLab CI").contains("Azure Pipelines").contains("Bitbucket Pipelines").contains("Jenkinsfiles")
                .doesNotContain("--platform");

        write(root, "ci/pipeline.txt", "language: java\n");
        Path unnamed = root.resolve("ci/pipeline.txt");
        Inventory forced = new Discovery().discover(root, List.of(unnamed), SourceKind.GITHUB_WORKFLOW);
        assertThat(forced.problems()).extracting(ReadProblem::message).singleElement().asString()
                .startsWith("not a workflow");

        write(root, "ci/.travis.yml", "language: java\n");
        write(root, "node_modules/x/.travis.yml", "language: java\n");
        Inventory folder = new Discovery().discover(root, List.of(root), null);
        assertThat(folder.files()).isEmpty();
        assertThat(folder.problems()).isEmpty();
        assertThat(folder.unread()).extracting(f -> f.path() + " " + f.platform()).containsExactly(
                ".drone.yml DRONE", ".travis.yml TRAVIS_CI", "ci/.travis.yml TRAVIS_CI");

        write(root, ".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
        Inventory mixed = new Discovery().discover(root.resolve("ci"), List.of(root), null);
        assertThat(mixed.files()).extracting(f -> f.path()).containsExactly("../.github/workflows/ci.yml");
        assertThat(mixed.unread()).extracting(f -> f.path()).containsExactly("../.drone.yml", "../.travis.yml",
                ".travis.yml");
    }

    /** Jenkinsfiles are read wherever they are found, named, or named as Groovy files; others are not taken for them. */
    @Test
    void jenkinsfilesAreReadByNameAndExtension(@TempDir Path root) throws Exception {
        write(root, "Jenkinsfile", "pipeline { agent any; stages { stage('a') { steps { sh 'make' } } } }\n");
        write(root, "ci/release.jenkinsfile", "node { sh \"echo ${env.BRANCH_NAME}\" }\n");
        write(root, "vars/deploy.groovy", "def call() { sh 'deploy' }\n");
        write(root, "src/main/groovy/Tool.groovy", "class Tool {}\n");
        write(root, "node_modules/x/Jenkinsfile", "node { }\n");
        Inventory folder = new Discovery().discover(root, List.of(root), null);
        assertThat(folder.files()).extracting(f -> f.path() + " " + f.platform()).containsExactly(
                "Jenkinsfile JENKINS", "ci/release.jenkinsfile JENKINS", "vars/deploy.groovy JENKINS");
        assertThat(folder.jenkins()).extracting(JenkinsPipeline::path)
                .containsExactly("Jenkinsfile", "ci/release.jenkinsfile", "vars/deploy.groovy");
        assertThat(folder.problems()).isEmpty();

        write(root, "ci/build-pipeline.groovy", "node { sh 'make' }\n");
        Inventory named = new Discovery().discover(root, List.of(root.resolve("ci/build-pipeline.groovy")), null);
        assertThat(named.jenkins()).singleElement().extracting(p -> p.steps().size()).isEqualTo(1);

        write(root, "ci/build.txt", "node { sh 'make' }\n");
        Inventory forced = new Discovery().discover(root, List.of(root.resolve("ci/build.txt")), SourceKind.JENKINS);
        assertThat(forced.jenkins()).hasSize(1);

        write(root, "broken/Jenkinsfile", "pipeline {\n  stages {\n    sh 'x' )\n  }\n}\n");
        Inventory broken = new Discovery().discover(root, List.of(root.resolve("broken/Jenkinsfile")), null);
        assertThat(broken.jenkins()).isEmpty();
        assertThat(broken.problems()).singleElement().satisfies(p -> {
            assertThat(p.fatal()).isTrue();
            assertThat(p.location().path()).isEqualTo("broken/Jenkinsfile");
            assertThat(p.location().startLine()).isEqualTo(3);
            assertThat(p.location().startColumn()).isEqualTo(12);
            assertThat(p.message()).isEqualTo("not valid Groovy: expecting '}', found ')'");
        });
    }

    /**
     * Folders the walk cannot open are problems, not silence: an error under .github, where workflows live, and a
     * warning elsewhere; the definitions beside them are still read.
     */
    @Test
    void foldersThatCannotBeOpenedAreReported(@TempDir Path root) throws Exception {
        write(root, ".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
        write(root, ".github/actions/private/action.yml", "runs: {using: node20, main: x.js}\n");
        write(root, "tools/locked/action.yml", "runs: {using: node20, main: x.js}\n");
        Path hidden = root.resolve(".github/actions/private");
        Path locked = root.resolve("tools/locked");
        Files.setPosixFilePermissions(hidden, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(hidden), "the superuser opens any folder");
            Inventory inventory = new Discovery().discover(root, List.of(root), null);
            assertThat(inventory.files()).extracting(f -> f.path()).containsExactly(".github/workflows/ci.yml");
            String reason = "cannot be looked into (permission denied), so any definitions in it were not read";
            assertThat(inventory.problems()).extracting(p -> p.location().path(), ReadProblem::message, ReadProblem::fatal)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(".github/actions/private", reason, true),
                            org.assertj.core.groups.Tuple.tuple("tools/locked", reason, false));
        } finally {
            Files.setPosixFilePermissions(hidden, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * A folder whose listing fails part way (in /proc, entries come and go and some may not be read even by the
     * superuser) is reported, and the walk goes on: it once ended the whole scan as if the target could not be
     * listed.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aListingThatFailsPartWayIsReportedAndTheWalkGoesOn() throws Exception {
        Path proc = Path.of("/proc/1");
        assumeTrue(Files.isDirectory(proc), "no /proc");
        List<String> failed = new java.util.ArrayList<>();
        List<FoundFile> found = FileFinder.find(proc, (platform, path, size) -> { }, (path, e) -> failed.add(path),
                (path, reason) -> { });
        assertThat(found).isEmpty();
        assertThat(failed).doesNotContain(".");
    }

    @Test
    void dependabotConfigurationsAreReadWithTheirEntriesAndMistakesAtTheirLines(@TempDir Path root) throws Exception {
        write(root, ".github/dependabot.yml", """
                version: 2
                updates:
                  - package-ecosystem: pip
                    directory: /
                    registries: [internal]
                    open-pull-requests-limit: 0
                    cooldown:
                      default-days: 3
                      semver-major-days: 30
                      include: ["*"]
                    insecure-external-code-execution: allow
                  - directory: /docs
                  - just text
                  - package-ecosystem: npm
                    cooldown: 5
                  - package-ecosystem: gomod
                    cooldown:
                      default: 4
                """);
        // Not at a conventional path: read only when named, by its content.
        write(root, "ci/dependabot-copy.yml", "version: 2\nupdates:\n  - package-ecosystem: cargo\n    directory: /\n");
        write(root, "other/.github/dependabot.yaml", "version: 1\nupdate_configs: []\n");

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.dependabot()).extracting(DependabotConfig::path).containsExactly(".github/dependabot.yml");
        DependabotConfig config = inventory.dependabot().get(0);
        assertThat(config.updates()).extracting(u -> u.ecosystem().value()).containsExactly("pip", "npm", "gomod");
        assertThat(config.updates().get(2).cooldown().defaultDays()).isEmpty();
        DependabotConfig.Update pip = config.updates().get(0);
        assertThat(pip.versionUpdates()).isFalse();
        assertThat(pip.registries()).extracting(Scalar::value).containsExactly("internal");
        assertThat(pip.externalCode().value()).isEqualTo("allow");
        assertThat(pip.externalCode().location().startLine()).isEqualTo(11);
        assertThat(pip.cooldown().days()).extracting(KeyValue::key).containsExactly("default-days", "semver-major-days");
        assertThat(pip.cooldown().defaultDays().orElseThrow().value().value()).isEqualTo("3");
        assertThat(config.updates().get(1).cooldown().days()).isEmpty();
        assertThat(inventory.problems()).extracting(p -> p.location().path() + ":" + p.location().startLine() + " " + p.message())
                .containsExactly(
                        ".github/dependabot.yml:12 an entry of 'updates' has no 'package-ecosystem'",
                        ".github/dependabot.yml:13 an entry of 'updates' must be a mapping",
                        ".github/dependabot.yml:15 'cooldown' must be a mapping",
                        ".github/dependabot.yml:18 unknown key 'default' in 'cooldown' (did you mean default-days?); it takes "
                                + "default-days, semver-major-days, semver-minor-days, semver-patch-days, include, exclude",
                        "other/.github/dependabot.yaml:1 not a Dependabot configuration: Dependabot reads only 'version: 2'");
        assertThat(inventory.files()).extracting(SourceFile::platform).containsOnly(Platform.DEPENDABOT);

        Inventory named = new Discovery().discover(root, List.of(root.resolve("ci/dependabot-copy.yml")), null);
        assertThat(named.dependabot()).singleElement().satisfies(c ->
                assertThat(c.updates()).extracting(u -> u.ecosystem().value()).containsExactly("cargo"));
        assertThat(named.problems()).isEmpty();
    }

    @Test
    void preCommitConfigurationsAreReadWithTheirRepositoriesAndMistakesAtTheirLines(@TempDir Path root) throws Exception {
        write(root, ".pre-commit-config.yaml", """
                default_stages: [pre-commit]
                repos:
                  - repo: https://github.com/pre-commit/pre-commit-hooks
                    rev: v5.0.0
                    hooks:
                      - id: check-yaml
                  - repo: local
                    hooks:
                      - id: unit
                        name: unit
                        entry: make test
                        language: system
                  - rev: v1
                  - just text
                  - repo: https://github.com/psf/black
                """);
        write(root, "tools/.pre-commit-config.yml", "repos: {}\n");
        // Only the conventional names are pre-commit's: another file is not read as one.
        write(root, "docs/pre-commit-example.yaml", "repos: []\n");

        Inventory inventory = new Discovery().discover(root, List.of(root), null);

        assertThat(inventory.preCommit()).extracting(PreCommitConfig::path).containsExactly(".pre-commit-config.yaml");
        PreCommitConfig config = inventory.preCommit().get(0);
        assertThat(config.location().startLine()).isEqualTo(2);
        assertThat(config.repositories()).extracting(r -> r.url().value(), r -> r.rev() == null ? null : r.rev().value(),
                PreCommitConfig.HookRepository::cloned).containsExactly(
                tuple("https://github.com/pre-commit/pre-commit-hooks", "v5.0.0", true),
                tuple("local", null, false),
                tuple("https://github.com/psf/black", null, true));
        assertThat(config.repositories().get(0).rev().location().startLine()).isEqualTo(4);
        assertThat(inventory.problems()).extracting(p -> p.location().path() + ":" + p.location().startLine() + " " + p.message())
                .containsExactly(
                        ".pre-commit-config.yaml:13 an entry of 'repos' has no 'repo'",
                        ".pre-commit-config.yaml:14 an entry of 'repos' must be a mapping",
                        ".pre-commit-config.yaml:15 repository 'https://github.com/psf/black' has no 'rev'; pre-commit "
                                + "needs the revision to clone",
                        "tools/.pre-commit-config.yml:1 invalid pre-commit configuration: 'repos' must be a list of "
                                + "repositories");
        assertThat(inventory.files()).extracting(SourceFile::path, SourceFile::platform).containsExactlyInAnyOrder(
                tuple(".pre-commit-config.yaml", Platform.PRE_COMMIT), tuple("tools/.pre-commit-config.yml", Platform.PRE_COMMIT));

        // Named on the command line under another name, with --platform pre-commit.
        Inventory named = new Discovery().discover(root, List.of(root.resolve("docs/pre-commit-example.yaml")),
                SourceKind.PRE_COMMIT);
        assertThat(named.preCommit()).singleElement().satisfies(c -> assertThat(c.repositories()).isEmpty());
    }
}
