package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.analyze.github.ShellValues;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixtures say where findings are; these cases pin how severe and how sure they are, where that is decided. */
class SeverityAndConfidenceTest {
    @TempDir
    Path dir;

    private List<Finding> scan(Check check, String workflow) throws Exception {
        Path file = dir.resolve("w.yml");
        Files.writeString(file, workflow);
        var inventory = new Discovery().discover(dir, List.of(file), null);
        return new Analyzer(Catalog.builtin(), List.of(check), ScanConfig.defaults(), Profile.AUDITOR, Set.of())
                .analyze(inventory).findings();
    }

    private Finding only(Check check, String workflow) throws Exception {
        List<Finding> findings = scan(check, workflow);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static final String JOB = "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";

    @Test
    void defaultPermissionsAreHighOnlyWhereOutsidersGetAWriteToken() throws Exception {
        var check = new ExcessivePermissionsCheck();
        assertThat(only(check, "on: pull_request_target\n" + JOB).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, "on: pull_request\n" + JOB).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(check, "on: push\n" + JOB).confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void defaultPermissionsAreNotHighWhereOnlyInsidersStartTheRun() throws Exception {
        var check = new ExcessivePermissionsCheck();
        String labeled = "on:\n  pull_request_target:\n    types: [%s]\n" + JOB;
        assertThat(only(check, labeled.formatted("labeled")).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(check, labeled.formatted("labeled, unlabeled, milestoned")).severity()).isEqualTo(Severity.MEDIUM);
        // One type an outsider causes is enough for them to start the run.
        assertThat(only(check, labeled.formatted("labeled, synchronize")).severity()).isEqualTo(Severity.HIGH);
        // Issue forms label and assign issues for whoever opens them.
        assertThat(only(check, "on:\n  issues:\n    types: [labeled]\n" + JOB).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, "on:\n  issues:\n    types: [milestoned]\n" + JOB).severity()).isEqualTo(Severity.MEDIUM);
        // Another trigger of the workflow that outsiders can start still makes it high.
        assertThat(only(check, "on:\n  pull_request_target:\n    types: [labeled]\n  issue_comment:\n" + JOB).severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void defaultPermissionsAreNotHighWhereTheJobKeepsOutsidersOut() throws Exception {
        var check = new ExcessivePermissionsCheck();
        String gated = "on: %s\njobs:\n  j:\n    if: %s\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
        String members = "contains(fromJSON('[\"COLLABORATOR\", \"MEMBER\", \"OWNER\"]'), "
                + "github.event.comment.author_association)";
        assertThat(only(check, gated.formatted("issue_comment", members)).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(check, gated.formatted("issue_comment",
                "github.event.comment.author_association == 'OWNER' && contains(github.event.comment.body, '/x')"))
                .severity()).isEqualTo(Severity.MEDIUM);
        // Contributors and first-time contributors have no write access: they still pass.
        assertThat(only(check, gated.formatted("issue_comment", "github.event.comment.author_association != 'NONE'"))
                .severity()).isEqualTo(Severity.HIGH);
        // Under a comment, the issue's association is its author's, whom the commenter picks.
        assertThat(only(check, gated.formatted("issue_comment", "github.event.issue.author_association == 'MEMBER'"))
                .severity()).isEqualTo(Severity.HIGH);
        // A label can be on an issue before the outsider comments on it.
        assertThat(only(check, gated.formatted("issue_comment",
                "contains(github.event.issue.labels.*.name, 'ok')")).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, gated.formatted("issue_comment", members.replace("comment.", "issue.")
                + " || github.event.comment.author_association == 'MEMBER'")).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, gated.formatted("pull_request_target",
                "github.event.pull_request.head.repo.full_name == github.repository")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, gated.formatted("pull_request_target",
                "github.event.pull_request.author_association == 'MEMBER'")).severity()).isEqualTo(Severity.MEDIUM);
        // Only someone with write access merges: a job that runs only for a merged pull request is not an outsider's.
        for (String merged : List.of("github.event.pull_request.merged == true", "github.event.pull_request.merged",
                "github.event.action == 'closed' && github.event.pull_request.merged")) {
            assertThat(only(check, gated.formatted("pull_request_target", merged)).severity()).as(merged)
                    .isEqualTo(Severity.MEDIUM);
        }
        assertThat(only(check, gated.formatted("pull_request_target", "github.event.pull_request.merged || "
                + "github.event.action == 'opened'")).severity()).isEqualTo(Severity.HIGH);
        // No outsider opens a pull request as the bot; a login that only contains or starts with a name is theirs to pick.
        assertThat(only(check, gated.formatted("pull_request_target",
                "github.event.pull_request.user.login == 'dependabot[bot]'")).severity()).isEqualTo(Severity.MEDIUM);
        for (String loose : List.of("startsWith(github.event.pull_request.user.login, 'dependabot')",
                "contains(github.event.pull_request.user.login, 'bot')", "github.actor == 'dependabot[bot]'")) {
            assertThat(only(check, gated.formatted("pull_request_target", loose)).severity()).as(loose)
                    .isEqualTo(Severity.HIGH);
        }
    }

    /** A workflow-level read-all or write-all reaches the jobs without a block of their own, and the message says which. */
    @Test
    void aWorkflowLevelAllGrantNamesTheJobsItReaches() throws Exception {
        var check = new ExcessivePermissionsCheck();
        String workflow = "on: push\npermissions: %s\njobs:\n  a:\n%s    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
                + "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
        String own = "    permissions:\n      contents: read\n";
        assertThat(scan(check, workflow.formatted("read-all", ""))).extracting(Finding::message)
                .anyMatch(m -> m.startsWith("permissions: read-all at the workflow level gives every job read access"));
        assertThat(scan(check, workflow.formatted("read-all", own))).extracting(Finding::message)
                .anyMatch(m -> m.startsWith("permissions: read-all at the workflow level gives 1 of its 2 jobs (the "
                        + "others set their own) read access"));
        assertThat(scan(check, workflow.formatted("write-all", own))).extracting(Finding::message)
                .anyMatch(m -> m.startsWith("permissions: write-all at the workflow level gives 1 of its 2 jobs"));
    }

    @Test
    void aWorkflowLevelGrantNoJobUsesIsToBeDropped() throws Exception {
        var check = new ExcessivePermissionsCheck();
        String workflow = "on: push\npermissions:\n  contents: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: %s\n";
        assertThat(only(check, workflow.formatted("make test")).message())
                .contains("all 2 jobs get it, and none of them shows a use of it; drop it");
        assertThat(only(check, workflow.formatted("git push")).message())
                .endsWith("all 2 jobs get it; grant it only in the job that needs it");
        // A script handed the token may use it, seen or not: the grant belongs to its job, not to nobody.
        assertThat(only(check, workflow.formatted("./update-milestone.sh\n        env:\n          GITHUB_TOKEN: ${{ github.token }}"))
                .message()).endsWith("; grant it only in the job that needs it");
        // A call of another repository's workflow may need the scope, unseen: with the other job using it, no finding.
        String remote = "on: push\npermissions:\n  contents: write\njobs:\n  a:\n    uses: org/tools/.github/workflows/x.yml@v1\n"
                + "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push\n";
        assertThat(scan(check, remote)).isEmpty();
    }

    @Test
    void selfHostedRunnerIsHighWhenAForkRunsItsOwnCode() throws Exception {
        var check = new SelfHostedRunnerCheck();
        String job = "jobs:\n  j:\n    runs-on: self-hosted\n    steps:\n      - run: make\n";
        assertThat(only(check, "on: pull_request\n" + job).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, "on: issue_comment\n" + job).severity()).isEqualTo(Severity.MEDIUM);
        String inGroup = "on: pull_request\njobs:\n  j:\n    runs-on:\n      group: big\n%s    steps:\n      - run: make\n";
        Finding group = only(check, inGroup.formatted(""));
        assertThat(group.confidence()).isEqualTo(Confidence.MEDIUM);
        // GitHub's larger runners sit in groups and are asked for by an image label; a self-hosted one says so.
        assertThat(scan(check, inGroup.formatted("      labels: ubuntu-22.04-16core\n"))).isEmpty();
        assertThat(scan(check, inGroup.formatted("      labels: [ubuntu-latest-8-cores]\n"))).isEmpty();
        assertThat(only(check, inGroup.formatted("      labels: [self-hosted, ubuntu-22.04]\n")).confidence())
                .isEqualTo(Confidence.HIGH);
        assertThat(only(check, inGroup.formatted("      labels: gpu-a100\n")).confidence()).isEqualTo(Confidence.MEDIUM);
        // A group is not a label: a group named like an image does not make the runner hosted.
        assertThat(scan(check, inGroup.replace("group: big", "group: ubuntu-runners").formatted(""))).hasSize(1);
    }

    @Test
    void secretsInheritIsRatedByWhereTheCalleeLives() throws Exception {
        var check = new SecretsInheritCheck();
        String call = "on: push\njobs:\n  j:\n    uses: %s\n    secrets: inherit\n";
        assertThat(only(check, call.formatted("./.github/workflows/x.yml")).severity()).isEqualTo(Severity.LOW);
        assertThat(only(check, call.formatted("o/r/.github/workflows/x.yml@" + "a".repeat(40))).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, call.formatted("o/r/.github/workflows/x.yml@v1")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void oidcIsHighWhereOutsidersStartARunThatRunsTheirInputAndLowWithoutEnvironmentElsewhere() throws Exception {
        var check = new OidcUntrustedCheck();
        String body = "permissions:\n  id-token: write\n" + JOB;
        assertThat(only(check, "on: push\n" + body).severity()).isEqualTo(Severity.LOW);
        // An outsider starting the run reaches the token only through code or input of theirs that the job runs.
        assertThat(only(check, "on: workflow_run\n" + body).severity()).isEqualTo(Severity.MEDIUM);
        String injected = body.replace("- run: make", "- run: echo \"${{ github.event.workflow_run.head_branch }}\"");
        assertThat(only(check, "on: workflow_run\n" + injected).severity()).isEqualTo(Severity.HIGH);
        String checkout = body.replace("- run: make", "- uses: actions/checkout@v4\n        with:\n"
                + "          ref: ${{ github.event.workflow_run.head_sha }}\n      - run: make");
        Finding runsFork = only(check, "on: workflow_run\n" + checkout);
        assertThat(runsFork.severity()).isEqualTo(Severity.HIGH);
        assertThat(runsFork.confidence()).isEqualTo(Confidence.HIGH);
        // Gates lower confidence as for untrusted checkouts.
        String gated = checkout.replace("    runs-on:", "    if: github.event.workflow_run.head_repository.full_name == github.repository\n    runs-on:");
        assertThat(only(check, "on: workflow_run\n" + gated).confidence()).isEqualTo(Confidence.LOW);
    }

    /** A workflow of this repository that the job calls is read: its jobs are what runs with the token. */
    @Test
    void oidcThroughALocalReusableWorkflowIsJudgedByWhatItRuns() throws Exception {
        var check = new OidcUntrustedCheck();
        String caller = "on: issue_comment\njobs:\n  answer:\n    permissions:\n      id-token: write\n"
                + "    uses: ./.github/workflows/reply.yml\n    with:\n      text: ${{ github.event.comment.body }}\n";
        String callee = "on:\n  workflow_call:\n    inputs:\n      text: {type: string}\njobs:\n  reply:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n      - run: %s\n";
        Finding runs = WorkflowFiles.scan(dir.resolve("runs"), check, Map.of("answer.yml", caller,
                "reply.yml", callee.formatted("echo \"${{ inputs.text }}\""))).stream()
                .filter(f -> f.location().path().endsWith("answer.yml")).findFirst().orElseThrow();
        assertThat(runs.severity()).isEqualTo(Severity.HIGH);
        assertThat(runs.message()).contains("job 'reply' of the workflow it calls runs code or input of theirs");
        Finding idle = WorkflowFiles.scan(dir.resolve("idle"), check, Map.of("answer.yml", caller,
                "reply.yml", callee.formatted("echo done"))).stream()
                .filter(f -> f.location().path().endsWith("answer.yml")).findFirst().orElseThrow();
        assertThat(idle.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(idle.message()).contains("should a step of the workflow it calls come to run their code or input");
        // A called job that only members start mints nothing in an outsider's run, as a gate of the job would say; one
        // called job open to them does.
        String members = "    if: contains(fromJSON('[\"OWNER\", \"MEMBER\"]'), github.event.comment.author_association "
                + "|| github.event.issue.author_association)\n";
        String gatedCallee = callee.formatted("echo \"${{ inputs.text }}\"").replace("    runs-on:", members + "    runs-on:");
        String bothEvents = caller.replace("on: issue_comment", "on: [issue_comment, issues]");
        assertThat(WorkflowFiles.scan(dir.resolve("gated"), check, Map.of("answer.yml", bothEvents, "reply.yml", gatedCallee)))
                .filteredOn(f -> f.location().path().endsWith("answer.yml")).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(f.confidence()).isEqualTo(Confidence.LOW);
                    assertThat(f.message()).contains("each job of the called workflow that can mint the token (job "
                            + "'reply') keeps outsiders out by its condition");
                });
        String oneOpen = gatedCallee + "  other:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
        assertThat(WorkflowFiles.scan(dir.resolve("open"), check, Map.of("answer.yml", bothEvents, "reply.yml", oneOpen)))
                .filteredOn(f -> f.location().path().endsWith("answer.yml")).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(f.confidence()).isNotEqualTo(Confidence.LOW);
                });
        // A called workflow whose jobs cannot mint the token leaves the grant to the permissions check.
        String noToken = callee.formatted("echo \"${{ inputs.text }}\"").replace("    runs-on:",
                "    permissions:\n      contents: read\n    runs-on:");
        assertThat(WorkflowFiles.scan(dir.resolve("none"), check, Map.of("answer.yml", caller, "reply.yml", noToken)))
                .noneMatch(f -> f.location().path().endsWith("answer.yml"));
        // The run's actor is no gate: a bot that an outsider sets off (Dependabot on their fork's branch) acts for them.
        String bot = callee.formatted("make").replace("    runs-on:", "    if: github.actor == 'helper[bot]'\n    runs-on:");
        assertThat(WorkflowFiles.scan(dir.resolve("bot"), check, Map.of("answer.yml", caller, "reply.yml", bot)))
                .filteredOn(f -> f.location().path().endsWith("answer.yml")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isNotEqualTo(Confidence.LOW));
    }

    @Test
    void artipackedIsHighOnlyWhenTheCheckoutIsUploaded() throws Exception {
        var check = new ArtipackedCheck();
        String steps = "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n";
        Finding plain = only(check, steps);
        assertThat(plain.severity()).isEqualTo(Severity.LOW);
        assertThat(plain.confidence()).isEqualTo(Confidence.MEDIUM);
        String upload = steps + "      - uses: actions/upload-artifact@%s\n        with:\n          path: %s\n";
        Finding uploaded = only(check, upload.formatted("v4.3.6", "."));
        assertThat(uploaded.severity()).isEqualTo(Severity.HIGH);
        assertThat(uploaded.confidence()).isEqualTo(Confidence.HIGH);
        // From v4.4.0 upload-artifact leaves hidden folders out, .git among them, unless told to include them.
        for (String newer : List.of("v4", "v4.4.0", "v4.6.2", "v5", "v6.0.0", "main")) {
            assertThat(only(check, upload.formatted(newer, ".")).severity()).as(newer).isEqualTo(Severity.LOW);
        }
        assertThat(only(check, upload.formatted("v3", ".")).severity()).isEqualTo(Severity.HIGH);
        String included = upload.formatted("v4", ".") + "          include-hidden-files: true\n";
        assertThat(only(check, included).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, upload.formatted("v5", ".git")).severity()).as("named outright").isEqualTo(Severity.HIGH);
        // A commit could be any version: high, at medium confidence, and the message says what decides.
        Finding bySha = only(check, upload.formatted("b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882", "."));
        assertThat(bySha.severity()).isEqualTo(Severity.HIGH);
        assertThat(bySha.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(bySha.message()).contains("unless that upload-artifact commit is v4.4.0 or later");
        assertThat(ArtipackedCheck.leavesHiddenOut("v4.10.0")).isTrue();
        assertThat(ArtipackedCheck.leavesHiddenOut("4.3")).isFalse();
        assertThat(ArtipackedCheck.leavesHiddenOut("v99999999999")).isTrue();
        // upload-pages-artifact leaves .git out of its archive, whatever directory it packs.
        String pages = steps + "      - uses: actions/upload-pages-artifact@v3\n        with:\n          path: %s\n";
        assertThat(only(check, pages.formatted("'.'")).severity()).isEqualTo(Severity.LOW);
        assertThat(only(check, pages.formatted(".git")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void workflowLevelWritesCountOnlyTheJobsThatInheritThem() throws Exception {
        var check = new ExcessivePermissionsCheck();
        String own = "    permissions:\n      contents: read\n";
        String job = "  %s:\n    runs-on: ubuntu-latest\n%s    steps:\n      - run: make\n";
        String head = "on: push\npermissions:\n  id-token: write\njobs:\n";
        // Two jobs set their own block: the one that inherits gets a low, job-level finding.
        Finding one = only(check, head + job.formatted("a", own) + job.formatted("b", own) + job.formatted("c", ""));
        assertThat(one.severity()).isEqualTo(Severity.LOW);
        assertThat(one.message()).contains("job 'c'");
        Finding two = only(check, head + job.formatted("a", own) + job.formatted("b", "") + job.formatted("c", ""));
        assertThat(two.severity()).isEqualTo(Severity.HIGH);
        assertThat(two.message()).contains("2 of its 3 jobs");
    }

    /** A workflow_run workflow after CI, up to its one job's steps. */
    private static final String AFTER_CI = "on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n"
            + "  j:\n    runs-on: ubuntu-latest\n    steps:\n";

    @Test
    void artifactPoisoningIsMediumWhenTheArtifactLandsOutsideTheWorkspace() throws Exception {
        var check = new ArtifactPoisoningCheck();
        String job = AFTER_CI + "      - uses: actions/checkout@v4\n"
                + "      - uses: actions/download-artifact@v4\n        with:\n"
                + "          run-id: ${{ github.event.workflow_run.id }}\n          path: %s\n"
                + "      - run: ./gradlew publishScans\n";
        assertThat(only(check, job.formatted("dist")).severity()).isEqualTo(Severity.HIGH);
        Finding outside = only(check, job.formatted("~/.gradle/build-scan-data"));
        assertThat(outside.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(outside.message()).contains("outside the workspace");
        assertThat(only(check, job.formatted("${{ runner.temp }}/scans")).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void anArtifactInTheWorkspaceIsDataWhereNothingLaterRunsCodeFromIt() throws Exception {
        var check = new ArtifactPoisoningCheck();
        String job = AFTER_CI + "%s      - uses: actions/download-artifact@v4\n        with:\n"
                + "          run-id: ${{ github.event.workflow_run.id }}\n%s";
        // A published action loads from its own folder: test reports and comments are data.
        Finding report = only(check, job.formatted("", "      - uses: scacap/action-surefire-report@v1\n"
                + "        with:\n          report_paths: '**/TEST-*.xml'\n"));
        assertThat(report.severity()).isEqualTo(Severity.LOW);
        assertThat(report.message()).contains("no later step runs code from there");
        // git runs the hooks an artifact unpacked over the checkout can write into .git/hooks.
        for (String git : List.of("git am change.patch", "git -c user.name=bot commit --amend --no-edit", "git push origin HEAD")) {
            Finding hooks = only(check, job.formatted("      - uses: actions/checkout@v4\n", "      - run: " + git + "\n"));
            assertThat(hooks.severity()).as(git).isEqualTo(Severity.HIGH);
            assertThat(hooks.related()).as(git).anyMatch(r -> r.message().contains(".git/hooks"));
        }
        assertThat(only(check, job.formatted("      - uses: actions/checkout@v4\n", "      - run: git log -1\n")).severity())
                .isEqualTo(Severity.LOW);
    }

    @Test
    void anArtifactInAFolderNoCodeRunsFromIsLessSure() throws Exception {
        var check = new ArtifactPoisoningCheck();
        String job = AFTER_CI + "      - uses: actions/checkout@v4\n"
                + "      - uses: actions/download-artifact@v4\n        with:\n"
                + "          run-id: ${{ github.event.workflow_run.id }}\n          path: results\n"
                + "      - run: %s\n";
        Finding asData = only(check, job.formatted("python .github/scripts/comment.py --root results"));
        assertThat(asData.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(asData.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(asData.message()).contains("folder 'results', which later steps only read as data");
        // A separator inside a quoted string splits no command.
        assertThat(only(check, job.formatted("|\n          [ -d results ] || { echo \"none; nothing (skipped)\"; exit 0; }"
                + "\n          python3 .github/scripts/comment.py --root results")).severity()).isEqualTo(Severity.MEDIUM);
        // A tool that searches the workspace may pick the folder up.
        Finding searched = only(check, job.formatted("pytest --root results"));
        assertThat(searched.severity()).isEqualTo(Severity.HIGH);
        assertThat(searched.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(searched.message()).contains("folder 'results', which no later step runs code from");
        String gh = job.replace("      - uses: actions/download-artifact@v4\n        with:\n"
                + "          run-id: ${{ github.event.workflow_run.id }}\n          path: results\n",
                "      - run: gh run download 1 --dir results\n");
        assertThat(gh).contains("gh run download").doesNotContain("download-artifact");
        assertThat(only(check, gh.formatted("python .github/scripts/comment.py --root results")).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(only(check, gh.formatted("bash results/post.sh")).confidence()).isEqualTo(Confidence.HIGH);
        for (String runsIt : List.of("bash results/post.sh", "cd results && make", "npm --prefix results test")) {
            Finding runs = only(check, job.formatted(runsIt));
            assertThat(runs.confidence()).as(runsIt).isEqualTo(Confidence.HIGH);
            assertThat(runs.severity()).as(runsIt).isEqualTo(Severity.HIGH);
        }
    }

    @Test
    void theJobsOfAPullRequestWorkflowOnOneRunnerAreOneFinding() throws Exception {
        var check = new SelfHostedRunnerCheck();
        String jobs = "on: pull_request\njobs:\n  a:\n    runs-on: [self-hosted, gpu]\n    steps:\n      - run: make\n"
                + "  b:\n    if: github.event.pull_request.draft == false\n    runs-on: [gpu, self-hosted]\n"
                + "    steps:\n      - run: make\n  c:\n    runs-on: [self-hosted, gpu]\n    steps:\n      - run: make\n";
        Finding one = only(check, jobs);
        assertThat(one.message()).startsWith("job 'a' runs on self-hosted runner 'self-hosted' (as do 2 other jobs of "
                + "this workflow)").contains("a job's condition does not stop it");
        assertThat(one.related()).extracting(r -> r.message()).contains("job 'b' runs on the same runner",
                "job 'c' runs on the same runner");
        // Under issue_comment the workflow is the repository's, and each job's own condition counts.
        assertThat(scan(check, jobs.replace("on: pull_request", "on: issue_comment"))).hasSize(3);
    }

    @Test
    void aBotAsTheActorIsNoGate() throws Exception {
        var check = new UntrustedCheckoutCheck();
        String job = "on: pull_request_target\npermissions: {}\njobs:\n  j:\n    if: %s\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: actions/checkout@v4\n        with:\n"
                + "          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm ci\n";
        // An outsider can have Dependabot act on their pull request, and Dependabot is then the actor.
        Finding bot = only(check, job.formatted("github.actor == 'dependabot[bot]'"));
        assertThat(bot.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(bot.message()).doesNotContain("behind a gate");
        Finding person = only(check, job.formatted("github.actor == 'octocat'"));
        assertThat(person.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(person.message()).endsWith("behind a gate: the job checks who triggered the run");
    }

    @Test
    void aPullRequestInItsOwnFolderRunsWhereAStepGoesIntoIt() throws Exception {
        var check = new UntrustedCheckoutCheck();
        String job = "on: pull_request_target\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n%s    steps:\n"
                + "      - uses: actions/checkout@v4\n      - uses: actions/checkout@v4\n        with:\n"
                + "          ref: ${{ github.event.pull_request.head.sha }}\n          path: pr\n"
                + "      - run: %s\n";
        Finding base = only(check, job.formatted("", "npm ci"));
        assertThat(base.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(base.message()).contains("sits in its own folder");
        for (String inPr : List.of("cd pr && npm ci", "npm --prefix pr ci", "make -C pr")) {
            assertThat(only(check, job.formatted("", inPr)).confidence()).as(inPr).isEqualTo(Confidence.HIGH);
        }
        // The job's default working directory is the pull request's folder.
        String defaults = "    defaults:\n      run:\n        working-directory: pr\n";
        assertThat(only(check, job.formatted(defaults, "npm ci")).confidence()).isEqualTo(Confidence.HIGH);
        // From inside the folder, python is handed a script of the base branch: the pull request's files are data,
        // and the finding is left for an audit.
        Finding asData = only(check, job.formatted(defaults, "python ../tools/unpack.py ../assets"));
        assertThat(asData.confidence()).isEqualTo(Confidence.LOW);
        assertThat(asData.message()).contains("only hands the interpreter scripts from outside the pull request's tree");
        assertThat(only(check, job.formatted(defaults, "python setup.py build")).confidence()).isEqualTo(Confidence.HIGH);
    }

    /**
     * A secret's finding is as sure as the one step likeliest to run the pull request's code, each step rated as
     * gha-untrusted-checkout rates it: a known tool that stays out of the pull request's folder and a script of
     * unknown commands in it make two medium steps, not one high one.
     */
    @Test
    void secretsInUntrustedJobTakeTheSurestStepWhole() throws Exception {
        var check = new SecretsInUntrustedJobCheck();
        String job = "on: pull_request_target\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n        with:\n"
                + "          ref: ${{ github.event.pull_request.head.sha }}\n          path: pr\n"
                + "          token: ${{ secrets.BOT_PAT }}\n"
                + "      - run: %s\n"
                + "      - run: %s\n        working-directory: pr\n";
        Finding split = only(check, job.formatted("npm ci", "optipng image.png"));
        assertThat(split.confidence()).isEqualTo(Confidence.MEDIUM);
        // Of steps rated alike, the first is named.
        assertThat(split.related()).anySatisfy(r -> {
            assertThat(r.message()).isEqualTo("runs `npm` here, which may run that code");
            assertThat(r.location().startLine()).isEqualTo(12);
        });
        Finding inFolder = only(check, job.formatted("optipng image.png", "npm ci"));
        assertThat(inFolder.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(inFolder.related()).anySatisfy(r -> {
            assertThat(r.message()).isEqualTo("runs `npm` here, which may run that code");
            assertThat(r.location().startLine()).isEqualTo(13);
        });
        // Only inert commands after the checkout: nothing of the pull request runs, so nothing to report.
        assertThat(scan(check, job.formatted("git status", "git diff --stat"))).isEmpty();
    }

    @Test
    void secretsInUntrustedJobConfidenceDropsBehindAGate() throws Exception {
        var check = new SecretsInUntrustedJobCheck();
        String job = "on: pull_request_target\njobs:\n  j:\n%s    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
                + "      - run: make\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n";
        assertThat(only(check, job.formatted("")).confidence()).isEqualTo(Confidence.HIGH);
        String gate = "    if: github.event.pull_request.author_association == 'MEMBER'\n";
        assertThat(only(check, job.formatted(gate)).confidence()).isEqualTo(Confidence.MEDIUM);
        // Listening only for labels is a gate too; a condition on the label is the same gate, not a second one.
        String labeled = job.replace("on: pull_request_target\n", "on:\n  pull_request_target:\n    types: [labeled]\n");
        Finding byType = only(check, labeled.formatted(""));
        assertThat(byType.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(byType.related()).anySatisfy(r -> assertThat(r.message()).contains("only when someone with triage"));
        String onLabel = "    if: github.event.label.name == 'safe to test'\n";
        assertThat(only(check, labeled.formatted(onLabel)).confidence()).isEqualTo(Confidence.MEDIUM);
        // A condition no fork's pull request passes leaves only people who can push here: low, whatever the names.
        for (String shut : List.of("github.event.pull_request.head.repo.full_name == github.repository",
                "github.event.pull_request.head.repo.full_name == 'acme/app' && github.actor == 'renovate[bot]'",
                "${{ !github.event.pull_request.head.repo.fork }}",
                "github.event.pull_request.head.repo.fork == false && github.repository == 'acme/app'")) {
            assertThat(only(check, job.formatted("    if: " + shut + "\n")).confidence()).as(shut).isEqualTo(Confidence.LOW);
        }
        // Naming the repository only tells copies of the workflow apart; a fork-or-label condition lets forks in.
        for (String open : List.of("github.repository == 'acme/app'",
                "github.event.pull_request.head.repo.full_name == github.repository || contains(github.event.pull_request.labels.*.name, 'ok')")) {
            assertThat(only(check, job.formatted("    if: " + open + "\n")).confidence()).as(open).isNotEqualTo(Confidence.LOW);
        }
        // A pull_request workflow's types are the pull request's own to change, so they gate nothing.
        String forkRun = labeled.replace("pull_request_target", "pull_request");
        assertThat(scan(check, forkRun.formatted(""))).isEmpty();
        // A tool not known to run the tree (as gha-untrusted-checkout rates it) is less sure than make.
        assertThat(only(check, job.replace("- run: make", "- run: contentctl inspect").formatted("")).confidence())
                .isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void aPublishedActionsInputNamedForAHashOrANumberIsMedium() throws Exception {
        var check = new TemplateInjectionCheck();
        String action = "name: a\ndescription: a\ninputs:\n  %1$s: {description: x}\nruns:\n  using: composite\n"
                + "  steps:\n    - run: git diff ${{ inputs.%1$s }}\n      shell: bash\n";
        for (String fixed : List.of("base_sha", "pr-number", "id")) {
            Finding finding = only(check, action.formatted(fixed));
            assertThat(finding.severity()).as(fixed).isEqualTo(Severity.MEDIUM);
            assertThat(finding.message()).as(fixed).endsWith("commit hash, a number or an id, which callers rarely fill "
                    + "with text an outsider chose.");
        }
        for (String text : List.of("ref", "title", "valid", "sha_list_file")) {
            assertThat(only(check, action.formatted(text)).severity()).as(text).isEqualTo(Severity.HIGH);
        }
    }

    /** The taint table's confidence in a field caps the findings it feeds: a commit message, a label, a payload. */
    @Test
    void fieldsOnlyInsidersOrTheirSystemsWriteAreLessSure() throws Exception {
        String step = "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"%s\"\n";
        var injection = new TemplateInjectionCheck();
        assertThat(only(injection, "on: push\n" + step.formatted("${{ github.event.head_commit.message }}")).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(only(injection, "on: repository_dispatch\n" + step.formatted("${{ github.event.client_payload.branch }}"))
                .confidence()).isEqualTo(Confidence.LOW);
        assertThat(only(injection, "on:\n  pull_request_target:\n    types: [labeled]\n"
                + step.formatted("${{ github.event.label.name }}")).confidence()).isEqualTo(Confidence.LOW);
        // The surest source decides: a title beside a label is the outsider's text.
        assertThat(only(injection, "on: pull_request_target\n"
                + step.formatted("${{ github.event.label.name || github.event.pull_request.title }}"))
                .confidence()).isEqualTo(Confidence.HIGH);
        // Through an environment variable and a step output the source is still the label.
        assertThat(scan(injection, "on: issues\njobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n"
                + "      LABEL: ${{ github.event.label.name }}\n    steps:\n      - id: s\n"
                + "        run: echo \"v=$LABEL\" >> \"$GITHUB_OUTPUT\"\n      - run: echo ${{ steps.s.outputs.v }} ${{ env.LABEL }}\n")
                .stream().map(Finding::confidence).toList()).isNotEmpty().allMatch(Confidence.LOW::equals);
        var env = new GithubEnvCheck();
        assertThat(only(env, "on: repository_dispatch\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo \"V=${{ github.event.client_payload.v }}\" >> \"$GITHUB_ENV\"\n").confidence())
                .isEqualTo(Confidence.LOW);
        var uses = new TaintedUsesCheck();
        assertThat(only(uses, "on: repository_dispatch\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/setup-node@v4\n        with:\n          node-version: ${{ github.event.client_payload.v }}\n")
                .confidence()).isEqualTo(Confidence.LOW);
    }

    /** tj-actions/changed-files escapes shell characters in the names it lists from v41, unless told not to. */
    @Test
    void escapedFileNamesInAShellScriptAreLessSure() throws Exception {
        var check = new TemplateInjectionCheck();
        String workflow = "on: pull_request_target\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: tj-actions/changed-files@%s\n        id: c\n%s"
                + "      - %s\n";
        String run = "run: echo \"${{ steps.c.outputs.all_changed_files }}\"";
        Finding escaped = only(check, workflow.formatted("v46.0.1", "", run));
        assertThat(escaped.confidence()).isEqualTo(Confidence.LOW);
        assertThat(escaped.message()).contains("expands data from shell-escaped outputs of tj-actions/changed-files")
                .endsWith("unquoted, a name with spaces still splits into several words.");
        assertThat(only(check, workflow.formatted("v46", "        with:\n          safe_output: false\n", run)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(only(check, workflow.formatted("v40", "", run)).confidence()).isEqualTo(Confidence.MEDIUM);
        // A commit SHA alone does not say which release it is (step outputs are medium as indirect flows); the
        // version noted after it does.
        assertThat(only(check, workflow.formatted("ed68ef82c095e0d48ec87eccea555d944a631a4c", "", run)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(only(check, workflow.formatted("ed68ef82c095e0d48ec87eccea555d944a631a4c # v44", "", run)).confidence())
                .isEqualTo(Confidence.LOW);
        // The same commit noted elsewhere in the scan is that release wherever it is pinned.
        String notedElsewhere = workflow.formatted("ed68ef82c095e0d48ec87eccea555d944a631a4c", "", run)
                + "  other:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v44.5.2\n";
        assertThat(only(check, notedElsewhere).confidence()).isEqualTo(Confidence.LOW);
        // Notes that agree name the release; two that disagree say nothing.
        assertThat(only(check, notedElsewhere + "      - uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v44\n")
                .confidence()).isEqualTo(Confidence.LOW);
        assertThat(only(check, notedElsewhere + "      - uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v40\n")
                .confidence()).isEqualTo(Confidence.MEDIUM);
        // JavaScript reads no shell escapes.
        assertThat(only(check, workflow.formatted("v46", "", "uses: actions/github-script@v7\n        with:\n"
                + "          script: console.log(\"${{ steps.c.outputs.all_changed_files }}\")")).confidence())
                .isEqualTo(Confidence.MEDIUM);
    }

    /** Under pull_request a job that already runs the pull request's code gives its author nothing more. */
    @Test
    void anInjectionIntoAJobThatRunsThePullRequestsCodeIsLow() throws Exception {
        var check = new TemplateInjectionCheck();
        String workflow = "on: %s\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n%s      - run: %s\n"
                + "      - run: echo \"${{ github.event.pull_request.head.ref }}\"\n";
        Finding builds = only(check, workflow.formatted("pull_request", "", "npm ci && npm test"));
        assertThat(builds.severity()).isEqualTo(Severity.LOW);
        assertThat(builds.message()).contains("already runs the pull request's own code (step 'step 2')");
        // Nothing of the tree runs, or the tree is the base branch's: medium as before.
        assertThat(only(check, workflow.formatted("pull_request", "", "echo checked out")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, workflow.formatted("pull_request", "        with:\n          ref: main\n", "npm test"))
                .severity()).isEqualTo(Severity.MEDIUM);
        // Under pull_request_target the run holds the base repository's secrets: high whatever the job runs.
        assertThat(only(check, workflow.formatted("pull_request_target", "", "npm test")).severity())
                .isEqualTo(Severity.HIGH);
    }

    /**
     * A local action that every caller loads from a checkout of the pull request under pull_request alone is the
     * fork's own copy in a fork's run: an injection or a write in it gives the author nothing more.
     */
    @Test
    void aLocalActionLoadedFromThePullRequestsCodeGainsNothingFromAnInjection(@TempDir Path dir) throws Exception {
        String action = """
                runs:
                  using: composite
                  steps:
                    - id: c
                      uses: tj-actions/changed-files@v40
                    - shell: bash
                      run: |
                        for f in ${{ steps.c.outputs.all_changed_files }}; do echo "$f"; done
                        echo "FILES=${{ steps.c.outputs.all_changed_files }}" >> "$GITHUB_ENV"
                """;
        String caller = """
                on: %s
                permissions: {}
                jobs:
                  j:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                %s      - uses: ./.github/actions/files
                """;
        var injection = new TemplateInjectionCheck();
        var env = new GithubEnvCheck();
        Path pr = dir.resolve("pr");
        write(pr, ".github/actions/files/action.yml", action);
        write(pr, ".github/workflows/a.yml", caller.formatted("pull_request", ""));
        write(pr, ".github/workflows/b.yml", caller.formatted("pull_request", "        with:\n          fetch-depth: 0\n"));
        for (Check check : List.of(injection, env)) {
            assertThat(findingsIn(pr, check)).isNotEmpty().allSatisfy(finding -> {
                assertThat(finding.severity()).isEqualTo(Severity.LOW);
                assertThat(finding.message()).contains("every call of this action (step 'step 2') loads it from the "
                        + "pull request's own code");
            });
        }
        // One caller that loads the action from the base branch, or one under another trigger, keeps it medium.
        for (String other : List.of(caller.formatted("pull_request", "        with:\n          ref: main\n"),
                caller.formatted("push", ""))) {
            Path mixed = dir.resolve("mixed" + other.hashCode());
            write(mixed, ".github/actions/files/action.yml", action);
            write(mixed, ".github/workflows/a.yml", caller.formatted("pull_request", ""));
            write(mixed, ".github/workflows/b.yml", other);
            for (Check check : List.of(injection, env)) {
                assertThat(findingsIn(mixed, check)).isNotEmpty().allMatch(f -> f.severity() == Severity.MEDIUM);
            }
        }
        // A step that loads the action before the checkout reads it from nowhere the pull request wrote.
        Path before = dir.resolve("before");
        write(before, ".github/actions/files/action.yml", action);
        write(before, ".github/workflows/a.yml", """
                on: pull_request
                jobs:
                  j:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ./.github/actions/files
                      - uses: actions/checkout@v4
                      - run: npm test
                """);
        assertThat(findingsIn(before, injection)).isNotEmpty().allMatch(f -> f.severity() == Severity.MEDIUM);
    }

    private static void write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The findings of a check over the tree at {@code root}, in the auditor profile. */
    private static List<Finding> findingsIn(Path root, Check check) throws Exception {
        return WorkflowFiles.check(new Discovery().discover(root, List.of(root), null), check);
    }

    /** A command whose whole output goes to the file writes what it prints, whatever it was asked about. */
    @Test
    void aQueryOfFixedFormatWrittenStraightToTheFileAddsNothing() throws Exception {
        var check = new GithubEnvCheck();
        String workflow = """
                on:
                  workflow_run:
                    workflows: [CI]
                    types: [completed]
                jobs:
                  j:
                    runs-on: ubuntu-latest
                    steps:
                      - env:
                          B: ${{ github.event.workflow_run.head_branch }}
                        run: |
                          if gh pr view "$B" --json number --jq %s >> "$GITHUB_OUTPUT"; then
                            echo found
                          else
                            echo "skip=true" >> "$GITHUB_OUTPUT"
                          fi
                """;
        assertThat(scan(check, workflow.formatted("'\"number=\\(.number)\"'"))).isEmpty();
        assertThat(only(check, workflow.formatted("'\"title=\\(.title)\"'")).message())
                .startsWith("writes data from github.event.workflow_run.head_branch to GITHUB_OUTPUT");
    }

    /** jq over a variable that holds an answer of GitHub's API reads the API's keys, as jq piped from gh api does. */
    @Test
    void jqOverAVariableHoldingAnApiAnswerPrintsWhatItsKeysHold() throws Exception {
        var check = new GithubEnvCheck();
        String workflow = """
                on: issue_comment
                jobs:
                  j:
                    runs-on: ubuntu-latest
                    steps:
                      - env:
                          N: ${{ github.event.issue.number }}
                        run: |
                          pr="$(%s)"
                          head_sha="$(%s)"
                          root="$(git merge-base "$head_sha" origin/main)"
                          echo "NEW_SHA=$head_sha" >> $GITHUB_ENV
                          echo "OLD_SHA=$root" >> $GITHUB_ENV
                """;
        String api = "gh api /repos/o/r/pulls/${N}";
        for (String read : List.of("echo \"$pr\" | jq -r .head.sha", "jq -r '.head.sha' <<< \"$pr\"",
                "printf '%s' \"$pr\" | jq -r \".head.sha\"")) {
            assertThat(scan(check, workflow.formatted(api, read))).as(read).isEmpty();
        }
        // A key of free text, JSON from elsewhere, or an answer gh has already turned into text: a review.
        for (String[] open : List.of(new String[] {api, "echo \"$pr\" | jq -r .head.ref"},
                new String[] {"cat pr.json", "echo \"$pr\" | jq -r .head.sha"},
                new String[] {api + " --jq .title", "echo \"$pr\" | jq -r .head.sha"})) {
            assertThat(only(check, workflow.formatted(open[0], open[1])).message()).as(open[0] + " " + open[1])
                    .startsWith("writes to GITHUB_ENV in a workflow that runs on issue_comment");
        }
    }

    /** A value cut at its first line break, or after a one-line command, holds one line, however it is printed. */
    @Test
    void aValueCutToItsFirstLineCannotAddOutputs() throws Exception {
        var check = new GithubEnvCheck();
        String workflow = """
                on: issues
                permissions: {}
                jobs:
                  j:
                    runs-on: %s
                    steps:
                      - env:
                          T: ${{ github.event.issue.title }}
                        run: |
                          %s
                          echo "v=$(echo "$F" | sed 's/^v\\([0-9]*\\).*$/\\1/')" >> "$GITHUB_OUTPUT"
                """;
        for (String cut : List.of("F=${T%%$'\\n'*}", "F=${T%%[[:space:]]*}", "F=${T//$'\\n'/ }", "F=$(echo \"$T\" | head -n 1)")) {
            assertThat(only(check, workflow.formatted("ubuntu-latest", cut)).severity()).as(cut).isEqualTo(Severity.LOW);
        }
        for (String open : List.of("F=${T%%x*}", "F=${T//$'\\n'/$'\\n'}", "F=$T")) {
            assertThat(only(check, workflow.formatted("ubuntu-latest", open)).severity()).as(open).isEqualTo(Severity.MEDIUM);
        }
        // echo prints its text as it is under bash only: on a runner of unknown kind the default shell may be sh.
        assertThat(only(check, workflow.formatted("self-hosted", "F=${T%%$'\\n'*}")).severity()).isEqualTo(Severity.MEDIUM);
    }

    /** A called workflow's jobs get no more than their blocks, whatever the caller's default. */
    @Test
    void aCallOfALocalWorkflowThatScopesEveryJobNeedsNoBlockOfItsOwn(@TempDir Path dir) throws Exception {
        var check = new ExcessivePermissionsCheck();
        String caller = "on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n"
                + "  a:\n    uses: ./.github/workflows/called.yml\n  b:\n    uses: ./.github/workflows/called.yml\n";
        String job = "  %s:\n    runs-on: ubuntu-latest\n%s    steps:\n      - run: make\n";
        String scoped = "    permissions:\n      contents: read\n";
        String workflowBlock = "on: workflow_call\npermissions: {}\njobs:\n" + job.formatted("x", "") + job.formatted("y", "");
        String jobBlocks = "on: workflow_call\njobs:\n" + job.formatted("x", scoped) + job.formatted("y", scoped);
        for (String callee : List.of(workflowBlock, jobBlocks)) {
            assertThat(WorkflowFiles.scan(dir.resolve("scoped" + callee.length()), check,
                    Map.of("caller.yml", caller, "called.yml", callee))).isEmpty();
        }
        // One job of the called workflow without a block gets the caller's token: the caller's jobs and workflow are reported.
        String open = "on: workflow_call\njobs:\n" + job.formatted("x", scoped) + job.formatted("y", "");
        List<Finding> findings = WorkflowFiles.scan(dir.resolve("open"), check, Map.of("caller.yml", caller, "called.yml", open));
        assertThat(findings).extracting(Finding::message).allMatch(m -> m.contains("has no permissions block")).hasSize(3);
    }

    /** setup-node runs a package manager the tree may pin (yarn, pnpm) only to find its cache. */
    @Test
    void setupNodeRunsTheTreeOnlyWhenItLooksForACache() throws Exception {
        var check = new UntrustedCheckoutCheck();
        String workflow = "on: pull_request_target\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
                + "      - uses: actions/setup-node@%s\n        with:\n          node-version: 22\n%s";
        for (String[] runs : List.of(new String[] {"v4", "          cache: yarn\n"}, new String[] {"v5", "          cache: pnpm\n"},
                new String[] {"main", "          cache: ${{ inputs.pm }}\n"})) {
            assertThat(scan(check, workflow.formatted(runs[0], runs[1]))).as(runs[0] + " " + runs[1])
                    .anyMatch(f -> f.message().contains("actions/setup-node"));
        }
        for (String[] inert : List.of(new String[] {"v4", ""}, new String[] {"v6", ""}, new String[] {"v4", "          cache: npm\n"},
                new String[] {"49933ea5288caeca8642d1e84afbd3f7d6820020", ""})) {
            assertThat(scan(check, workflow.formatted(inert[0], inert[1]))).as(inert[0] + " " + inert[1])
                    .noneMatch(f -> f.message().contains("actions/setup-node"));
        }
    }

    /** An input every caller sets to the event's JSON is read by path through fromJSON: each field has its own taint. */
    @Test
    void fromJsonOfTheEventPassedAsAnInputIsReadField(@TempDir Path dir) throws Exception {
        var check = new TemplateInjectionCheck();
        String caller = "on: pull_request_target\njobs:\n  meta:\n    uses: ./.github/workflows/meta.yml\n    with:\n"
                + "      event-json: ${{ %s }}\n";
        String callee = "on:\n  workflow_call:\n    inputs:\n      event-json: {type: string}\njobs:\n  m:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ fromJSON(inputs.event-json).%s }}\"\n";
        for (String safe : List.of("pull_request.head.sha", "pull_request.number", "pull_request['head'].sha")) {
            assertThat(WorkflowFiles.scan(dir.resolve("safe" + safe.length()), check, Map.of("caller.yml",
                    caller.formatted("toJSON(github.event)"), "meta.yml", callee.formatted(safe)))).as(safe).isEmpty();
        }
        for (String open : List.of("pull_request.title", "pull_request.head.ref", "pull_request.labels[0].name")) {
            assertThat(WorkflowFiles.scan(dir.resolve("open" + open.length()), check, Map.of("caller.yml",
                    caller.formatted("toJSON(github.event)"), "meta.yml", callee.formatted(open)))).as(open)
                    .singleElement().satisfies(f -> assertThat(f.message()).contains("github.event.pull_request"));
        }
        // Passed on through another reusable workflow, with the event's own JSON when that one runs by itself.
        String middle = "on:\n  pull_request_target:\n  workflow_call:\n    inputs:\n      event-json: {type: string}\njobs:\n"
                + "  meta:\n    uses: ./.github/workflows/meta.yml\n    with:\n"
                + "      event-json: ${{ inputs.event-json || toJSON(github.event) }}\n";
        String top = caller.formatted("toJSON(github.event)").replace("meta.yml", "middle.yml");
        assertThat(WorkflowFiles.scan(dir.resolve("chain"), check, Map.of("caller.yml", top, "middle.yml", middle,
                "meta.yml", callee.formatted("pull_request.head.sha")))).isEmpty();
        assertThat(WorkflowFiles.scan(dir.resolve("chain-open"), check, Map.of("caller.yml", top, "middle.yml",
                middle.replace("toJSON(github.event)", "github.event.pull_request.title"), "meta.yml",
                callee.formatted("pull_request.head.sha")))).hasSize(1);
        // The JSON of the caller's own inputs is not the callee's inputs: read whole, as before.
        String inputsJson = "on:\n  workflow_call:\n    inputs:\n      title: {type: string}\njobs:\n  meta:\n"
                + "    uses: ./.github/workflows/meta.yml\n    with:\n      event-json: ${{ toJSON(inputs) }}\n";
        String reads = callee.formatted("title").replace("      event-json: {type: string}\n",
                "      event-json: {type: string}\n      title: {type: string}\n");
        String top2 = "on: issue_comment\njobs:\n  c:\n    uses: ./.github/workflows/middle.yml\n    with:\n"
                + "      title: ${{ github.event.comment.body }}\n";
        assertThat(WorkflowFiles.scan(dir.resolve("inputs-json"), check, Map.of("caller.yml", top2, "middle.yml",
                inputsJson, "meta.yml", reads))).hasSize(1);
        // JSON of something else, or callers that pass different things: the whole value's taint, as before.
        assertThat(WorkflowFiles.scan(dir.resolve("title"), check, Map.of("caller.yml",
                caller.formatted("github.event.pull_request.title"), "meta.yml", callee.formatted("pull_request.head.sha"))))
                .hasSize(1);
        String two = caller.formatted("toJSON(github.event)") + "  other:\n    uses: ./.github/workflows/meta.yml\n"
                + "    with:\n      event-json: ${{ toJSON(github.event.pull_request) }}\n";
        assertThat(WorkflowFiles.scan(dir.resolve("two"), check, Map.of("caller.yml", two, "meta.yml",
                callee.formatted("pull_request.head.sha")))).hasSize(1);
    }

    /** A tool's newest release in a job that holds nothing reaches only that run, as a downloaded script does. */
    @Test
    void anUnpinnedToolInAJobThatHoldsNothingIsLower() throws Exception {
        var check = new UnpinnedToolsCheck();
        String workflow = "on: pull_request\n%sjobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: azure/setup-kubectl@v4\n      - run: kubectl version%s\n";
        Finding bare = only(check, workflow.formatted("permissions: {}\n", ""));
        assertThat(bare.severity()).isEqualTo(Severity.LOW);
        assertThat(bare.message()).endsWith("so a changed release reaches only this run");
        // A secret, a write token or the repository's default token is something to steal.
        assertThat(only(check, workflow.formatted("permissions: {}\n", "\n        env:\n          KUBECONFIG_DATA: "
                + "${{ secrets.KUBECONFIG }}")).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(check, workflow.formatted("permissions:\n  packages: write\n", "")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, workflow.formatted("", "")).severity()).isEqualTo(Severity.MEDIUM);
    }

    /** A reference to the repository itself, or to its owner's other repositories, as the workflows name it. */
    @Test
    void theRepositorysOwnActionsAreItsOwnersToMove() throws Exception {
        String workflow = "on: push\njobs:\n  j:\n    if: github.repository == 'acme/app'\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: %s\n";
        var unpinned = new UnpinnedUsesCheck(ScanConfig.defaults());
        List<Finding> own = WorkflowFiles.scan(dir.resolve("own"), unpinned,
                Map.of("w.yml", workflow.formatted("acme/app/.github/actions/setup@main")));
        assertThat(own).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.message()).contains("it is this repository's own");
        });
        assertThat(WorkflowFiles.scan(dir.resolve("sibling"), unpinned, Map.of("w.yml", workflow.formatted("acme/tools@main"))))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.MEDIUM);
        var creator = new UnverifiedCreatorCheck(ScanConfig.defaults());
        assertThat(WorkflowFiles.scan(dir.resolve("owner"), creator, Map.of("w.yml", workflow.formatted("acme/tools/setup@v1"))))
                .isEmpty();
        assertThat(WorkflowFiles.scan(dir.resolve("other"), creator, Map.of("w.yml", workflow.formatted("someone/tools@v1"))))
                .singleElement().extracting(Finding::message).asString().contains("published by 'someone'");
        // Without a name for the repository, nobody's own.
        String unnamed = workflow.replace("    if: github.repository == 'acme/app'\n", "").formatted("acme/tools@v1");
        assertThat(WorkflowFiles.scan(dir.resolve("unnamed"), creator, Map.of("w.yml", unnamed)))
                .singleElement().extracting(Finding::message).asString().contains("published by 'acme'");
    }

    /** As template injection: high only where outsiders get secrets or a write token, or for a published action. */
    @Test
    void taintedUsesIsHighOnlyInPrivilegedRuns() throws Exception {
        var check = new TaintedUsesCheck();
        String job = "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n"
                + "        with:\n          node-version: ${{ github.event.%s }}\n";
        assertThat(only(check, "on: issue_comment\n" + job.formatted("comment.body")).severity()).isEqualTo(Severity.HIGH);
        // A fork's pull request runs its own workflow and code already, without secrets.
        Finding fork = only(check, "on: pull_request\n" + job.formatted("pull_request.title"));
        assertThat(fork.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fork.confidence()).isEqualTo(Confidence.HIGH);
    }

    /** A published action's version input is its callers' setting: low, as what a caller passes decides. */
    @Test
    void aVersionFromAPublishedActionsOwnInputIsLow(@TempDir Path dir) throws Exception {
        var check = new TaintedUsesCheck();
        String action = "inputs:\n  node-version: {}\nruns:\n  using: composite\n  steps:\n"
                + "    - uses: actions/setup-node@v4\n      with:\n        node-version: ${{ %s }}\n";
        write(dir.resolve("own"), "action.yml", action.formatted("inputs.node-version"));
        assertThat(findingsIn(dir.resolve("own"), check)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.confidence()).isEqualTo(Confidence.LOW);
            assertThat(f.message()).contains("only a caller that passes event data into it hands the choice to an outsider");
        });
        // Event data in a published action is the action's own doing, whoever calls it.
        write(dir.resolve("event"), "action.yml", action.formatted("github.event.comment.body"));
        assertThat(findingsIn(dir.resolve("event"), check)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void secretsInheritIntoTheSelfRepositoryFormIsLow() throws Exception {
        String call = "on: push\njobs:\n  j:\n    uses: $/.github/workflows/x.yml\n    secrets: inherit\n";
        assertThat(only(new SecretsInheritCheck(), call).severity()).isEqualTo(Severity.LOW);
    }

    /** In a clone whose remote names acme/app, acme/app/... is this repository named in full. */
    @Test
    void secretsInheritIntoThisRepositoryNamedInFullIsLow() throws Exception {
        String call = "on: push\njobs:\n  j:\n    uses: %s/.github/workflows/x.yml@main\n    secrets: inherit\n";
        assertThat(only(new SecretsInheritCheck(), call.formatted("acme/app")).severity()).as("no clone").isEqualTo(Severity.HIGH);
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "[remote \"origin\"]\n\turl = git@github.com:acme/app.git\n");
        Finding own = only(new SecretsInheritCheck(), call.formatted("Acme/App"));
        assertThat(own.severity()).isEqualTo(Severity.LOW);
        assertThat(own.message()).contains("its own workflow");
        assertThat(only(new SecretsInheritCheck(), call.formatted("acme/other")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void cachePoisoningConfidenceDropsWhenNothingVisiblyPublishes() throws Exception {
        var check = new CachePoisoningCheck();
        String steps = "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5\n";
        assertThat(only(check, "on: release\n" + steps).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(only(check, "on:\n  pull_request:\n  push:\n    tags: ['*']\n" + steps).confidence())
                .isEqualTo(Confidence.LOW);
        assertThat(only(check, "on: push\n" + steps + "      - run: npm publish\n").confidence())
                .isEqualTo(Confidence.LOW);
        assertThat(scan(check, "on: push\n" + steps)).isEmpty();
        // Restored after the job's last publishing step, the cache reaches nothing it published.
        assertThat(scan(check, "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: npm publish\n      - uses: actions/cache@v4\n        with:\n"
                + "          path: dist\n          key: dist-${{ github.sha }}\n")).isEmpty();
    }

    @Test
    void unsoundConditionIsMediumWhenOnlyEmptyValuesMakeItFalse() throws Exception {
        var check = new UnsoundConditionCheck();
        String step = "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        if: %s\n";
        assertThat(only(check, step.formatted("${{ github.head_ref }}${{ github.base_ref }}")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, step.formatted("${{ false }} && ${{ false }}")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void unsoundContainsIsLowForValuesNobodyOutsideChooses() throws Exception {
        var check = new UnsoundContainsCheck();
        String step = "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    if: %s\n    steps:\n      - run: make\n";
        assertThat(only(check, step.formatted("contains('a b', runner.name)")).severity()).isEqualTo(Severity.LOW);
        assertThat(only(check, step.formatted("contains('main dev', github.head_ref)")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aBranchNameWrittenAfterAFixedNameCannotAddVariables() throws Exception {
        var check = new GithubEnvCheck();
        String step = "on: workflow_run\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - env:\n          B: ${{ github.event.workflow_run.head_branch }}\n        run: %s\n";
        for (String contained : List.of("echo \"B=${B}\" >> \"$GITHUB_ENV\"", "cd x && echo -n 'b=$B' >> $GITHUB_OUTPUT",
                "printf 'B=%s\\\\n' \"$B\" >> $GITHUB_ENV", "echo \"B=${B}\" | tee -a \"$GITHUB_ENV\"",
                "if true; then echo \"B=$B\" >> $GITHUB_ENV; fi", "echo \"head-branch=$B\" >> $GITHUB_OUTPUT")) {
            assertThat(only(check, step.formatted(contained)).severity()).as(contained).isEqualTo(Severity.LOW);
        }
        // The value is the whole line, a variable that loads code, a pipe that may change it, a path, or a
        // variable set from a command fed with the branch (file names of a diff): high.
        for (String open : List.of("echo \"$B\" >> $GITHUB_ENV", "echo \"LD_PRELOAD=$B\" >> $GITHUB_ENV",
                "echo \"B=$B\" | tr _ '\\\\n' >> $GITHUB_ENV", "echo \"B=$(echo $B | sed s/_/\\\\n/)\" >> $GITHUB_ENV",
                "echo \"$B\" >> $GITHUB_PATH", "X=$(git diff --name-only origin/$B); echo \"F=$X\" >> $GITHUB_ENV",
                "'{ echo ''B<<EOF''; echo \"$B\"; echo EOF; } >> $GITHUB_ENV'")) {
            assertThat(only(check, step.formatted(open)).severity()).as(open).isEqualTo(Severity.HIGH);
        }
        // Free text (a title) may hold a line break wherever it is written.
        String title = step.replace("workflow_run.head_branch", "workflow_run.display_title");
        assertThat(only(check, title.formatted("echo \"B=${B}\" >> \"$GITHUB_ENV\"")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aValueWhoseLineBreaksAreRemovedCannotAddVariables() throws Exception {
        var check = new GithubEnvCheck();
        String step = "on: issue_comment\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - env:\n          BODY: ${{ github.event.comment.body }}\n        run: |\n%s";
        for (String oneLine : List.of("          echo \"WORDS=$(echo \"$BODY\" | tr '\\n' ' ')\" >> \"$GITHUB_ENV\"\n",
                "          W=$(echo \"$BODY\" | grep -v '^#' | tr -d '\\r\\n')\n          echo \"W=$W\" >> $GITHUB_ENV\n",
                "          FIRST=$(echo \"$BODY\" | head -n 1)\n          echo \"FIRST=${FIRST}\" | tee -a $GITHUB_ENV\n",
                "          echo \"LINES=$(echo \"$BODY\" | wc -l)\" >> $GITHUB_ENV\n",
                "          FIRST=$(printf '%s' \"$BODY\" | head -n1)\n          ARGS=\"${FIRST#/bot run}\"\n"
                        + "          ARGS=\"$(printf '%s' \"$ARGS\" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//')\"\n"
                        + "          echo \"args=${ARGS}\" >> \"$GITHUB_OUTPUT\"\n")) {
            Finding finding = only(check, step.formatted(oneLine));
            assertThat(finding.severity()).as(oneLine).isEqualTo(Severity.LOW);
            assertThat(finding.message()).as(oneLine).contains("cannot hold a line break");
        }
        // Output that keeps or makes line breaks, or a substitution followed by other text, may add variables.
        for (String open : List.of("          echo \"W=$(echo \"$BODY\" | tr ' ' '\\n')\" >> $GITHUB_ENV\n",
                "          echo \"W=$(echo \"$BODY\" | tr -d ' ')\" >> $GITHUB_ENV\n",
                "          echo \"W=$(echo \"$BODY\" | tr -cd 'a-z\\n')\" >> $GITHUB_ENV\n",
                "          echo \"W=$(echo \"$BODY\" | head -n 1)$BODY\" >> $GITHUB_ENV\n",
                "          echo \"W=$(echo \"$BODY\" | sed 's/ /_/g')\" >> $GITHUB_ENV\n",
                "          echo \"W=$(printf '%s' \"$BODY\" | sed 's/ /_/g')\" >> $GITHUB_ENV\n")) {
            assertThat(only(check, step.formatted(open)).severity()).as(open).isEqualTo(Severity.HIGH);
        }
        // Computed text of one line in a privileged workflow: no review is asked for, as nothing can be added.
        String computed = "          T=$(curl -s localhost:8080/token | tr -d '[:space:]')\n          echo \"TOKEN=$T\" >> $GITHUB_ENV\n";
        assertThat(scan(check, step.formatted(computed))).isEmpty();
        Finding review = only(check, step.formatted(computed.replace(" | tr -d '[:space:]'", "")));
        assertThat(review.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(review.message()).startsWith("writes to GITHUB_ENV in a workflow");
    }

    @Test
    void aScriptWhoseVariablesAreAssignedFromEachOtherManyTimesIsReadInTime() throws Exception {
        // Each of 40 variables is assigned 40 times from the ones after it: followed way by way, the readings of the
        // written value would multiply past any time limit.
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 40; k++) {
                script.append("          V").append(i).append("=\"");
                for (int j = i + 1; j < Math.min(40, i + 40); j++) {
                    script.append("$V").append(j);
                }
                script.append("\"\n");
            }
        }
        String workflow = "on: pull_request_target\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - env:\n          T: ${{ github.event.pull_request.title }}\n        run: |\n" + script
                + "          echo \"X=$V0\" >> $GITHUB_ENV\n          echo \"Y=$T\" >> $GITHUB_ENV\n";
        Finding finding = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> only(new GithubEnvCheck(), workflow));
        assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aScriptOfThousandsOfWritesOfDifferentVariablesIsReadInTime() throws Exception {
        // Each variable was once looked for through the whole script, and the script is as long as their number.
        StringBuilder writes = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            writes.append("          echo \"o").append(i).append("=$V").append(i).append("\" >> \"$GITHUB_OUTPUT\"\n");
        }
        String workflow = "on: issue_comment\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - id: s\n        env:\n          T: ${{ github.event.comment.body }}\n        run: |\n"
                + "          echo \"x=$T\" >> $GITHUB_ENV\n" + writes
                + "      - run: echo \"${{ steps.s.outputs.o1 }}\"\n";
        Finding finding = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> only(new GithubEnvCheck(), workflow));
        assertThat(finding.severity()).isEqualTo(Severity.HIGH);
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> scan(new TemplateInjectionCheck(), workflow))).isEmpty();
    }

    @Test
    void aChainOfThousandsOfStepOutputsIsFollowedInTime() throws Exception {
        // Each step writes the previous step's output: every link carries the title, and each step's view of the
        // outputs before it comes from one index for the job, not a copy per step.
        StringBuilder steps = new StringBuilder("      - id: s0\n        run: echo \"v=${{ github.event.issue.title }}\" >> $GITHUB_OUTPUT\n");
        for (int i = 1; i < 3_000; i++) {
            steps.append("      - id: s").append(i).append("\n        run: echo \"v=${{ steps.s").append(i - 1)
                    .append(".outputs.v }}\" >> $GITHUB_OUTPUT\n");
        }
        String workflow = "on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + steps;
        List<Finding> findings = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> scan(new TemplateInjectionCheck(), workflow));
        assertThat(findings).hasSize(3_000);
    }

    @Test
    void underPullRequestAloneAJobThatRunsThePullRequestsCodeGainsNothingFromAnInjection() throws Exception {
        String job = "on: pull_request\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n%s"
                + "      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n"
                + "        run: echo \"T=$TITLE\" >> $GITHUB_ENV\n"
                + "      - run: git switch pr && echo ${{ github.event.pull_request.title }}\n"
                + "      - run: make test\n";
        for (Check check : List.of(new GithubEnvCheck(), new TemplateInjectionCheck())) {
            assertThat(only(check, job.formatted("")).severity()).as(check.id()).isEqualTo(Severity.MEDIUM);
            for (String checkout : List.of("      - uses: actions/checkout@v4\n",
                    "      - run: git fetch origin pull/${{ github.event.pull_request.number }}/head:pr\n",
                    "      - run: gh pr checkout ${{ github.event.pull_request.number }}\n")) {
                Finding finding = only(check, job.formatted(checkout));
                assertThat(finding.severity()).as(check.id() + " after " + checkout).isEqualTo(Severity.LOW);
                assertThat(finding.message()).contains("already runs the pull request's own code (step 'step 4')");
            }
        }
    }

    @Test
    void gatesAreConditionsAnOutsidersRunFails() throws Exception {
        var check = new UntrustedCheckoutCheck();
        String workflow = "on: pull_request_target\npermissions: {}\njobs:\n%s  j:\n%s    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: actions/checkout@v4\n        with:\n"
                + "          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make\n";
        assertThat(only(check, workflow.formatted("", "")).confidence()).isEqualTo(Confidence.HIGH);
        // A label or association test that an unlabelled fork's pull request passes is no gate.
        assertThat(only(check, workflow.formatted("", "    if: \"!contains(github.event.pull_request.labels.*.name, 'skip')\"\n"))
                .confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only(check, workflow.formatted("", "    if: github.event.pull_request.author_association != 'MEMBER'\n"))
                .confidence()).isEqualTo(Confidence.HIGH);
        // A label is a gate where only labelling runs the workflow; where the author's next push runs it too, the
        // label stays and lets that push through.
        String onLabel = "    if: contains(github.event.pull_request.labels.*.name, 'ok')\n";
        assertThat(only(check, workflow.formatted("", onLabel)).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only(check, workflow.replace("on: pull_request_target\n",
                "on:\n  pull_request_target:\n    types: [labeled]\n").formatted("", onLabel)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        // A needed job that fails for every fork skips this one for them, unless this one runs after failures.
        String gateJob = "  check:\n    runs-on: ubuntu-latest\n    steps:\n      - if: github.event.pull_request.head.repo.full_name"
                + " != github.repository\n        run: |\n          echo \"no CI for forks\"\n          exit 1\n";
        assertThat(only(check, workflow.formatted(gateJob, "    needs: check\n")).confidence()).isEqualTo(Confidence.LOW);
        assertThat(only(check, workflow.formatted(gateJob, "    needs: check\n    if: always()\n")).confidence())
                .isEqualTo(Confidence.HIGH);
        assertThat(only(check, workflow.formatted(gateJob,
                "    needs: check\n    if: \"!cancelled() && contains(fromJSON('[\\\"success\\\", \\\"skipped\\\"]'), needs.check.result)\"\n"))
                .confidence()).isEqualTo(Confidence.LOW);
        // A check of the actor's permission that fails the job, in a needed job or an earlier step, is a gate.
        String permissionJob = "  auth:\n    runs-on: ubuntu-latest\n    steps:\n      - id: perm\n        run: |\n"
                + "          P=$(gh api \"repos/o/r/collaborators/$ACTOR/permission\" --jq .permission)\n"
                + "          echo \"p=$P\" >> \"$GITHUB_OUTPUT\"\n"
                + "      - if: steps.perm.outputs.p != 'write'\n        run: exit 1\n";
        assertThat(only(check, workflow.formatted(permissionJob, "    needs: auth\n")).confidence())
                .isEqualTo(Confidence.MEDIUM);
        String sameJob = workflow.replace("    steps:\n      - uses: actions/checkout@v4",
                "    steps:\n      - uses: lannonbr/repo-permission-check-action@2.0.2\n        with:\n"
                        + "          permission: write\n      - uses: actions/checkout@v4");
        assertThat(only(check, sameJob.formatted("", "")).confidence()).isEqualTo(Confidence.MEDIUM);
        String warnOnly = gateJob.replace("exit 1", "echo done");
        assertThat(only(check, workflow.formatted(warnOnly, "    needs: check\n")).confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void aPullRequestsTextIsAWritersWhenForksAreKeptOut() throws Exception {
        var check = new TemplateInjectionCheck();
        String job = "on: %s\npermissions: {}\njobs:\n  j:\n%s    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: git push origin HEAD:${{ github.event.pull_request.head.ref }}\n";
        assertThat(only(check, job.formatted("pull_request_target", "")).confidence()).isEqualTo(Confidence.HIGH);
        String ownBranches = "    if: github.actor == 'dependabot[bot]' && github.event.pull_request.head.repo.full_name == 'org/app'\n";
        assertThat(only(check, job.formatted("pull_request_target", ownBranches)).confidence()).isEqualTo(Confidence.LOW);
        // A comment's text is an outsider's whoever opened the pull request.
        String comment = job.replace("github.event.pull_request.head.ref", "github.event.comment.body");
        String commentsOrOwnBranches = "    if: github.event_name == 'issue_comment' || "
                + "github.event.pull_request.head.repo.full_name == 'org/app'\n";
        assertThat(only(check, comment.formatted("[pull_request_target, issue_comment]", commentsOrOwnBranches))
                .confidence()).isEqualTo(Confidence.HIGH);
        // An issue comment's payload has no pull_request: the condition keeps the job out of those runs, and what is
        // left is a script that becomes injectable when a trigger is added.
        assertThat(only(check, comment.formatted("issue_comment", ownBranches)).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void selfHostedConditionsHoldOnlyWhereTheWorkflowFileIsTheRepositorys() throws Exception {
        var check = new SelfHostedRunnerCheck();
        String job = "on: %s\npermissions: {}\njobs:\n  j:\n    if: %s\n    runs-on: [self-hosted, linux]\n"
                + "    steps:\n      - run: make\n";
        String ownBranches = "github.event.pull_request.head.repo.full_name == github.repository";
        assertThat(only(check, job.formatted("pull_request_target", ownBranches)).confidence()).isEqualTo(Confidence.LOW);
        // A fork's pull_request run uses the fork's copy of the workflow, without the condition if it likes.
        Finding fork = only(check, job.formatted("pull_request", ownBranches));
        assertThat(fork.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(fork.message()).contains("the pull request's copy of this workflow");
        assertThat(only(check, job.formatted("[pull_request, push]", "github.event_name == 'push'")).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(scan(check, job.formatted("[issue_comment, push]", "github.event_name == 'push'"))).isEmpty();
    }

    @Test
    void aReleaseRunJobThatOnlyPushesToTheRepositorySaysSo() throws Exception {
        var check = new CachePoisoningCheck();
        String job = "on:\n  release:\n    types: [published]\npermissions: {}\njobs:\n  docs:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: ${{ secrets.PAT }}\n"
                + "      - uses: actions/setup-go@v5\n      - run: go generate ./...\n%s";
        Finding quiet = only(check, job.formatted(""));
        assertThat(quiet.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(quiet.message()).contains("hands on nothing it builds");
        for (String push : List.of("      - uses: peter-evans/create-pull-request@v7\n",
                "      - run: git -C docs push origin HEAD:refs/heads/docs\n", "      - run: git --no-pager push\n")) {
            Finding pushing = only(check, job.formatted(push));
            assertThat(pushing.severity()).as(push).isEqualTo(Severity.MEDIUM);
            assertThat(pushing.message()).as(push).contains("pushes what it makes to the repository (step 'step 4'");
        }
        // A long run of options that never reaches push is read in time.
        String options = "      - run: git " + "-a b ".repeat(5_000) + "status\n";
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> only(check, job.formatted(options))).message()).contains("hands on nothing it builds");
    }

    @Test
    void aReusableWorkflowsExactDefaultVersionThatNoCallerChangesIsLow() throws Exception {
        var check = new UnpinnedToolsCheck();
        String reusable = "on:\n  workflow_call:\n    inputs:\n      lint-version:\n        type: string\n%s"
                + "permissions:\n  contents: write\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: golangci/golangci-lint-action@v8\n        with:\n          version: ${{ inputs.lint-version }}\n";
        String caller = "on: push\npermissions: {}\njobs:\n  lint:\n    uses: ./.github/workflows/lint.yml\n%s";
        Path workflows = Files.createDirectories(dir.resolve("repo/.github/workflows"));
        java.util.function.BiFunction<String, String, Finding> lint = (defaultLine, with) -> {
            try {
                Files.writeString(workflows.resolve("lint.yml"), reusable.formatted(defaultLine));
                Files.writeString(workflows.resolve("ci.yml"), caller.formatted(with));
                var inventory = new Discovery().discover(dir.resolve("repo"), List.of(dir.resolve("repo")), null);
                List<Finding> findings = new Analyzer(Catalog.builtin(), List.of(check), ScanConfig.defaults(), Profile.AUDITOR,
                        Set.of()).analyze(inventory).findings();
                assertThat(findings).hasSize(1);
                return findings.get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String exact = "        default: v2.11.4\n";
        Finding pinned = lint.apply(exact, "");
        assertThat(pinned.severity()).isEqualTo(Severity.LOW);
        assertThat(pinned.confidence()).isEqualTo(Confidence.LOW);
        assertThat(pinned.message()).contains("every call of this reusable workflow in the scan gives the input an exact "
                + "version (v2.11.4)");
        assertThat(lint.apply(exact, "    with:\n      lint-version: v2.12.0\n").severity()).isEqualTo(Severity.LOW);
        // Without a default, calls that each pass an exact version pin it as well.
        assertThat(lint.apply("", "    with:\n      lint-version: v2.12.0\n").message()).contains("(v2.12.0)");
        // No default, a floating one, or a caller that floats it or decides at run time: the version is open.
        for (String[] open : new String[][] {{"", ""}, {"        default: latest\n", ""},
                {exact, "    with:\n      lint-version: latest\n"}, {exact, "    with:\n      lint-version: ${{ vars.LINT }}\n"}}) {
            assertThat(lint.apply(open[0], open[1]).severity()).as(String.join("|", open)).isEqualTo(Severity.MEDIUM);
        }
    }

    /** A local action's version input is judged as a reusable workflow's: by its default and what its calls pass. */
    @Test
    void aLocalActionsVersionThatEveryCallPinsIsLow(@TempDir Path dir) throws Exception {
        var check = new UnpinnedToolsCheck();
        String action = "inputs:\n  go-version:\n%s"
                + "runs:\n  using: composite\n  steps:\n    - uses: actions/setup-go@v5\n      with:\n"
                + "        go-version: ${{ inputs.go-version }}\n";
        String caller = "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                + "      - uses: ./.github/actions/install-go\n%s";
        java.util.function.BiFunction<String, String, Finding> go = (defaultLine, with) -> {
            try {
                Path repo = dir.resolve("repo" + (defaultLine + with).hashCode());
                write(repo, ".github/actions/install-go/action.yml", action.formatted(defaultLine));
                write(repo, ".github/workflows/ci.yml", caller.formatted(with));
                List<Finding> findings = findingsIn(repo, check);
                assertThat(findings).hasSize(1);
                return findings.get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String exact = "    default: \"1.26.6\"\n";
        Finding pinned = go.apply(exact, "");
        assertThat(pinned.confidence()).isEqualTo(Confidence.LOW);
        assertThat(pinned.message()).contains("every call of this action in the scan gives the input an exact version (1.26.6)")
                .contains("when that is a floating name the newest release is installed");
        assertThat(go.apply("    required: true\n", "        with:\n          go-version: '22'\n").confidence())
                .isEqualTo(Confidence.LOW);
        for (String[] open : new String[][] {{"    required: true\n", ""}, {exact, "        with:\n          go-version: stable\n"},
                {exact, "        with:\n          go-version: ${{ vars.GO }}\n"}}) {
            assertThat(go.apply(open[0], open[1]).confidence()).as(String.join("|", open)).isEqualTo(Confidence.MEDIUM);
        }
    }

    /** A job that runs only for a branch takes no part in a workflow's runs for tags. */
    @Test
    void aCacheInAJobThatNeverRunsForATagIsNoReleasesConcern() throws Exception {
        var check = new CachePoisoningCheck();
        String workflow = "on:\n  push:\n    branches: [main]\n    tags: [v*]\npermissions: {}\njobs:\n  j:\n%s"
                + "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/cache@v4\n        with:\n"
                + "          path: dist\n          key: k\n      - run: make\n";
        assertThat(scan(check, workflow.formatted("    if: github.ref == 'refs/heads/main'\n"))).isEmpty();
        assertThat(scan(check, workflow.formatted("    if: success() && github.ref_type != 'tag'\n"))).isEmpty();
        assertThat(scan(check, workflow.formatted(""))).hasSize(1);
        assertThat(scan(check, workflow.formatted("    if: startsWith(github.ref, 'refs/tags/')\n"))).hasSize(1);
        assertThat(scan(check, workflow.formatted("    if: github.event.head_commit.message != 'skip'\n"))).hasSize(1);
    }

    @Test
    void setupNodesOwnCachingDependsOnTheDeclaredPackageManager() throws Exception {
        var check = new CachePoisoningCheck();
        String release = "on:\n  push:\n    tags: [v*]\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: actions/setup-node@%s\n      - run: npm ci && npm publish\n";
        Finding unread = only(check, release.formatted("v5"));
        assertThat(unread.message()).contains("may restore", "package.json");
        assertThat(unread.confidence()).isEqualTo(Confidence.MEDIUM);
        // Before v5 setup-node caches only when asked, also where the release is noted after a commit SHA.
        assertThat(scan(check, release.formatted("v4"))).isEmpty();
        assertThat(scan(check, release.formatted("49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0"))).isEmpty();
        assertThat(scan(check, release.formatted("a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0"))).hasSize(1);
        // A commit SHA with no release noted: setup-go caches by default from v4 on, so it may or may not.
        String go = release.replace("setup-node", "setup-go");
        assertThat(only(check, go.formatted("0aaccfd150d50ccaeb58ebd88d36e91967a5f35b")).message())
                .contains("may restore", "from v4 on", "no release noted");
        assertThat(only(check, go.formatted("0aaccfd150d50ccaeb58ebd88d36e91967a5f35b # v5.4.0")).message())
                .contains("restores a cache");
        assertThat(scan(check, go.formatted("0aaccfd150d50ccaeb58ebd88d36e91967a5f35b # v3.5.0"))).isEmpty();
        // Asked for in so many words, it caches whatever the release.
        assertThat(only(check, go.replace("@%s\n", "@%s\n        with:\n          cache: true\n")
                .formatted("0aaccfd150d50ccaeb58ebd88d36e91967a5f35b")).message()).contains("restores a cache");
    }

    @Test
    void aGhQueryOfFixedFormatFieldsCarriesNothingOfItsArguments() throws Exception {
        var check = new GithubEnvCheck();
        String step = "on: workflow_run\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - env:\n          B: ${{ github.event.workflow_run.head_branch }}\n        run: |\n"
                + "          N=\"$(gh pr view \"${B}\" --json %s)\"\n"
                + "          echo \"PR_NUMBER=${N}\" >> \"${GITHUB_ENV}\"\n"
                + "          echo \"PR_BRANCH=${B}\" >> \"${GITHUB_ENV}\"\n";
        for (String fixed : List.of("'number' --jq '.number'", "number,headRefOid", "number -q .number",
                "title,number --jq \".[] | select(.title == \\\"x\\\").number\"", "number --jq .number 2>/dev/null || echo none")) {
            assertThat(only(check, step.formatted(fixed)).severity()).as(fixed).isEqualTo(Severity.LOW);
        }
        String api = step.replace("N=\"$(gh pr view \"${B}\" --json %s)\"",
                "N=$(gh api \\\n            \"/repos/o/r/pulls?head=o:$B\" \\\n            --jq %s)");
        assertThat(api).contains("gh api");
        for (String fixed : List.of("'.[0].number'", ".[0].head.sha", "'.[0] | .number'",
                "'.[] | select(.title | startswith(\"x\")).number' 2>/dev/null || true")) {
            assertThat(only(check, api.formatted(fixed)).severity()).as(fixed).isEqualTo(Severity.LOW);
        }
        for (String open : List.of("'.[0].title'", "'.[].head.ref'", "'.[0].number, .[0].title'", "'.[0].number' || cat x")) {
            assertThat(only(check, api.formatted(open)).severity()).as(open).isEqualTo(Severity.HIGH);
        }
        // jq at the end of a pipeline from GitHub's API prints what its program makes of the answer.
        for (String fixed : List.of("$(gh api \"/runs?branch=$B\" | jq -r '.[0].id')",
                "$(curl -s \"$GITHUB_API_URL/repos/o/r/pulls/$N\" | jq -r '.head.sha // empty')",
                "$(gh api --paginate \"$U\" | jq '[.workflow_runs[] | select(.name == \"CI\")][0].id // (\"none\" | halt_error(1))')",
                "$(curl -H \"$A\" https://api.github.com/repos/o/r/runs | jq -r '.value // [] | .[0].status // empty')")) {
            assertThat(ShellValues.fixedFormatQuery(fixed)).as(fixed).isTrue();
        }
        // JSON from anywhere else may hold any text under any key.
        for (String open : List.of("$(curl -s \"$GITHUB_API_URL/x\" | jq -r '.head.ref // empty')",
                "$(gh api \"$U\" | jq -r '.id // .title')", "$(gh api \"$U\" | jq -r '.id' | sed 's/1/x/')",
                "$(jq -r '.id' \"$F\") $B", "$(cat artifact/meta.json | jq -r .id)", "$(curl -s \"$U\" | jq -r .id)")) {
            assertThat(ShellValues.fixedFormatQuery(open)).as(open).isFalse();
        }
        // A jq string prints its text around what it interpolates: one line of fixed format when each interpolation is.
        assertThat(ShellValues.fixedFormatQuery("$(gh pr view \"$B\" --json number --jq '\"number=\\(.number)\"')")).isTrue();
        for (String open : List.of("'\"n=\\(.title)\"'", "'\"n=\\(.number)\\nx=1\"'", "'\"n=\\(.number)\" + .title'")) {
            assertThat(ShellValues.fixedFormatQuery("$(gh pr view \"$B\" --json number,title --jq " + open + ")")).as(open).isFalse();
        }
        // Nested jq strings are read within the length of a query, and a long one is none.
        String nested = "\"\\(".repeat(150) + ".number" + ")\"".repeat(150);
        assertThat(ShellValues.printsFixedFormat(nested)).isTrue();
        assertThat(ShellValues.printsFixedFormat("\"\\(".repeat(100_000) + ".number" + ")\"".repeat(100_000))).isFalse();
        // A long value is no query, and is read in time whatever it repeats.
        assertThat(ShellValues.fixedFormatQuery("$(gh pr view " + "--json=a ".repeat(20_000) + "x")).isFalse();
        assertThat(ShellValues.fixedFormatQuery("$(gh api " + " -q .a".repeat(20_000) + "x")).isFalse();
        // A title or a body is words an outsider chose, on as many lines as they like; a jq program may add text.
        for (String open : List.of("title --jq .title", "number --jq '.number | tostring'", "body", "title,number")) {
            assertThat(only(check, step.formatted(open)).severity()).as(open).isEqualTo(Severity.HIGH);
        }
        // A file that only such a query writes holds numbers too: read back, it asks for no review.
        String viaFile = "on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: |\n          gh issue list --json title,number --jq '.[] | select(.title == \"x\").number' > n.txt\n"
                + "          echo \"N=$(cat n.txt)\" >> \"${GITHUB_ENV}\"\n";
        assertThat(scan(check, viaFile)).isEmpty();
        assertThat(only(check, viaFile.replace(".number' > n.txt", ".number' > n.txt\n          cat notes >> n.txt"))
                .message()).startsWith("writes to GITHUB_ENV in a workflow");
    }

    @Test
    void aValueCheckedAgainstAWholeWordPatternCarriesNothingOfTheEvent() throws Exception {
        var check = new GithubEnvCheck();
        String step = "on: issue_comment\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - env:\n          BODY: ${{ github.event.comment.body }}\n        run: |\n"
                + "          B=$(echo \"$BODY\" | awk '{print $2}')\n%s"
                + "          echo \"BRANCH=$B\" >> \"$GITHUB_ENV\"\n";
        assertThat(only(check, step.formatted("")).severity()).isEqualTo(Severity.HIGH);
        for (String guard : List.of(
                "          if [[ -z \"$B\" || ! \"$B\" =~ ^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$ ]]; then\n            exit 1\n          fi\n",
                "          [[ \"$B\" =~ ^[a-z0-9-]+$ ]] || exit 1\n")) {
            // One word after a fixed name: nothing of the event, and nothing that can add a variable, is written.
            assertThat(scan(check, step.formatted(guard))).as(guard).isEmpty();
        }
        String byCase = "          case \"$B\" in\n            main | release/v1) ;;\n"
                + "            *) echo \"unexpected branch: $B\" >&2\n              exit 1 ;;\n          esac\n";
        assertThat(scan(check, step.formatted(byCase))).isEmpty();
        // A case that lets a glob through, or goes on after an unexpected value, checks nothing.
        assertThat(only(check, step.formatted(byCase.replace("release/v1", "release/*"))).severity()).isEqualTo(Severity.HIGH);
        assertThat(only(check, step.formatted(byCase.replace("exit 1", "true"))).severity()).isEqualTo(Severity.HIGH);
        // A pattern that lets any character or a space through, or a check that does not stop the script, is none.
        for (String weak : List.of("          [[ \"$B\" =~ ^.+$ ]] || exit 1\n",
                "          [[ \"$B\" =~ ^[^;]+$ ]] || exit 1\n", "          [[ \"$B\" =~ ^[a-z\\ ]+$ ]] || exit 1\n",
                "          [[ \"$B\" =~ [a-z]+ ]] || exit 1\n", "          [[ \"$B\" =~ ^[a-z]+$ ]] || echo odd\n")) {
            assertThat(only(check, step.formatted(weak)).severity()).as(weak).isEqualTo(Severity.HIGH);
        }
    }

    @Test
    void botConditionsAreLowWhenOnlyWritersStartTheRun() throws Exception {
        var check = new BotConditionsCheck();
        String job = "jobs:\n  j:\n    runs-on: ubuntu-latest\n    if: github.actor == 'dependabot[bot]'\n    steps:\n      - run: make\n";
        assertThat(only(check, "on: push\n" + job).severity()).isEqualTo(Severity.LOW);
        assertThat(only(check, "on: pull_request_target\n" + job).severity()).isEqualTo(Severity.HIGH);
        // A fork's pull_request run holds nothing to guard, and runs its own copy of the condition.
        assertThat(only(check, "on: pull_request\n" + job).severity()).isEqualTo(Severity.LOW);
        assertThat(only(check, "on: [pull_request, issue_comment]\n" + job).severity()).isEqualTo(Severity.HIGH);
        // The rest of the condition may keep forks out, or the outsider's events.
        String shut = job.replace("dependabot[bot]'", "dependabot[bot]' && github.event.pull_request.head.repo.full_name == 'acme/app'");
        assertThat(only(check, "on: pull_request_target\n" + shut).severity()).isEqualTo(Severity.LOW);
        String pushOnly = job.replace("if: ", "if: github.event_name == 'push' && ");
        assertThat(only(check, "on: [push, pull_request_target]\n" + pushOnly).severity()).isEqualTo(Severity.LOW);
        // A pull request's author is no actor an outsider can borrow.
        String author = job.replace("github.actor == 'dependabot[bot]'", "github.event.pull_request.user.login == 'dependabot[bot]'");
        assertThat(only(check, "on: pull_request_target\n" + author).severity()).isEqualTo(Severity.LOW);
        String authorOrActor = job.replace("github.actor == 'dependabot[bot]'",
                "github.event.pull_request.user.login == 'dependabot[bot]' || github.actor == 'renovate[bot]'");
        assertThat(only(check, "on: pull_request_target\n" + authorOrActor).severity()).isEqualTo(Severity.HIGH);
        String forkOrBot = job.replace("dependabot[bot]'", "dependabot[bot]' || github.event.pull_request.head.repo.full_name == 'acme/app'");
        assertThat(only(check, "on: pull_request_target\n" + forkOrBot).severity()).isEqualTo(Severity.HIGH);
    }
    @Test
    void remoteScriptIsLowOnlyInAJobThatHoldsNothingOnAFreshHostedRunner() throws Exception {
        var check = new RemoteScriptCheck();
        String job = "on: pull_request\n%sjobs:\n  j:\n    runs-on: %s\n%s    steps:\n"
                + "      - run: curl -fsSL https://example.com/install.sh | sh\n";
        assertThat(only(check, job.formatted("permissions: {}\n", "ubuntu-latest", "")).severity()).isEqualTo(Severity.LOW);
        assertThat(only(check, job.formatted("permissions:\n  contents: read\n", "macos-14", "")).severity())
                .isEqualTo(Severity.LOW);
        // The runner is chosen from a matrix whose values are all hosted labels, one of them by an expression.
        String matrix = "    strategy:\n      matrix:\n        include:\n          - runner: ubuntu-24.04\n"
                + "          - runner: ${{ github.repository_owner == 'o' && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}\n";
        assertThat(only(check, job.formatted("permissions: {}\n", "${{ matrix.runner }}", matrix)).severity())
                .isEqualTo(Severity.LOW);
        // Anything the job holds, a runner that keeps state, or a runner decided at run time keeps it medium.
        assertThat(only(check, job.formatted("", "ubuntu-latest", "")).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(check, job.formatted("permissions: {}\n", "self-hosted", "")).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(check, job.formatted("permissions: {}\n", "${{ inputs.runner }}", "")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, job.formatted("permissions:\n  contents: write\n", "ubuntu-latest", "")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(check, job.formatted("permissions: {}\n", "ubuntu-latest", "    env:\n      T: ${{ secrets.T }}\n"))
                .severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void cachePoisoningIsLowWhenNothingBuiltLeavesTheJob() throws Exception {
        var check = new CachePoisoningCheck();
        String workflow = "on:\n  push:\n    tags: ['*']\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: actions/setup-go@" + "a".repeat(40) + "\n%s";
        assertThat(only(check, workflow.formatted("")).severity()).isEqualTo(Severity.LOW);
        String upload = "      - uses: actions/upload-artifact@" + "b".repeat(40) + "\n        with:\n          path: dist\n";
        assertThat(only(check, workflow.formatted(upload)).severity()).isEqualTo(Severity.HIGH);
        String secret = "      - run: ./release.sh\n        env:\n          TOKEN: ${{ secrets.PYPI }}\n";
        assertThat(only(check, workflow.formatted(secret)).severity()).isEqualTo(Severity.HIGH);
        for (String ships : List.of("./mvnw -B clean deploy", "bash utils/build/deploy-site.sh --stable")) {
            assertThat(only(check, workflow.formatted(secret.replace("./release.sh", ships))).severity()).as(ships)
                    .isEqualTo(Severity.HIGH);
        }
        // Holding a secret, but shipping nothing it builds (a test against a cluster): what it holds is at stake.
        Finding holds = only(check, workflow.formatted(secret.replace("./release.sh", "make e2e")));
        assertThat(holds.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(holds.message()).contains("hands on nothing it builds", "but holds secret PYPI")
                .doesNotContain("would end up in the release");
        // An OIDC token or a packages grant is for publishing.
        assertThat(only(check, workflow.replace("permissions: {}", "permissions:\n  id-token: write")
                .formatted(secret.replace("./release.sh", "make e2e"))).severity()).isEqualTo(Severity.HIGH);
        // The same job holding nothing, on a runner that may keep state (a group of unknown kind): medium.
        Finding kept = only(check, workflow.replace("runs-on: ubuntu-latest", "runs-on:\n      group: arm64").formatted(""));
        assertThat(kept.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(kept.message()).contains("runs on a runner that may keep state").doesNotContain("would end up in the release");
    }

    @Test
    void anAgentOpenToEveryoneIsHighOnlyWhenItReachesMoreThanAReadOnlyTokenAndItsKey() throws Exception {
        var check = new AiPromptInjectionCheck();
        String agent = "on: issue_comment\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n%s    steps:\n"
                + "      - uses: openai/codex-action@v1\n        with:\n          openai-api-key: ${{ secrets.OPENAI_API_KEY }}\n"
                + "          allow-users: '*'\n%s";
        Finding readOnly = only(check, agent.formatted("", ""));
        assertThat(readOnly.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(readOnly.message()).contains("a read-only token and the model's key");
        Finding writes = only(check, agent.formatted("    permissions:\n      contents: write\n", ""));
        assertThat(writes.severity()).isEqualTo(Severity.HIGH);
        assertThat(writes.message()).contains("a token that can write contents");
        Finding otherSecret = only(check, agent.formatted("    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n", ""));
        assertThat(otherSecret.severity()).isEqualTo(Severity.HIGH);
        assertThat(otherSecret.message()).contains("secret NPM_TOKEN").doesNotContain("OPENAI_API_KEY");
        Finding unsandboxed = only(check, agent.formatted("", "          safety-strategy: unsafe\n"));
        assertThat(unsandboxed.severity()).isEqualTo(Severity.HIGH);
        assertThat(unsandboxed.message()).contains("sandbox or permission prompts off (safety-strategy: unsafe)");
        // A condition on the commenter's association keeps outsiders out: less sure, not gone.
        Finding gated = only(check, agent.formatted("    if: github.event.comment.author_association == 'MEMBER'\n", ""));
        assertThat(gated.confidence()).isLessThan(Confidence.HIGH);
    }

    @Test
    void outsidersTextInThePromptIsHighAndLessSureThroughAnOutput() throws Exception {
        var check = new AiPromptInjectionCheck();
        String prompt = "on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - id: t\n        env:\n          T: ${{ github.event.issue.title }}\n"
                + "        run: echo \"t=$T\" >> \"$GITHUB_OUTPUT\"\n"
                + "      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: %s\n";
        Finding direct = only(check, prompt.formatted("'Triage ${{ github.event.issue.body }}'"));
        assertThat(direct.severity()).isEqualTo(Severity.HIGH);
        assertThat(direct.confidence()).isEqualTo(Confidence.HIGH);
        Finding indirect = only(check, prompt.formatted("'Triage ${{ steps.t.outputs.t }}'"));
        assertThat(indirect.severity()).isEqualTo(Severity.HIGH);
        assertThat(indirect.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(scan(check, prompt.formatted("'Triage issue ${{ github.event.issue.number }}'"))).isEmpty();
    }

    @Test
    void aDebugSessionIsRatedByWhoCanJoinItAndWhatTheJobHolds() throws Exception {
        var check = new DebugSessionCheck();
        String session = "on: %s\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n%s    steps:\n"
                + "      - %suses: mxschmitt/action-tmate@v3\n%s";
        String limited = "        with:\n          limit-access-to-actor: true\n";
        // Unset, the action limits the session only when the account has a public SSH key: anyone else's log reader joins.
        Finding auto = only(check, session.formatted("push", "", "", ""));
        assertThat(auto.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(auto.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(auto.message()).contains("unless the account that started the run has a public SSH key");
        Finding open = only(check, session.formatted("push", "    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n", "",
                "        with:\n          limit-access-to-actor: false\n"));
        assertThat(open.severity()).isEqualTo(Severity.HIGH);
        assertThat(open.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(open.message()).contains("secret NPM_TOKEN").contains("anyone who reads the run's log:");
        // Only in manual runs: a maintainer asked for it and is watching.
        Finding manual = only(check, session.formatted("[push, workflow_dispatch]", "    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
                "if: github.event_name == 'workflow_dispatch'\n        ", "        with:\n          limit-access-to-actor: false\n"));
        assertThat(manual.severity()).isEqualTo(Severity.HIGH);
        assertThat(manual.confidence()).isEqualTo(Confidence.MEDIUM);
        // Only when a maintainer re-runs the job with debug logging: as sure as a manual run.
        Finding debugRun = only(check, session.formatted("push", "    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
                "if: failure() && runner.debug == '1'\n        ", "        with:\n          limit-access-to-actor: false\n"));
        assertThat(debugRun.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(debugRun.message()).contains("a re-run with debug logging");
        Finding orDebug = only(check, session.formatted("push", "", "if: failure() || runner.debug == '1'\n        ",
                "        with:\n          limit-access-to-actor: false\n"));
        assertThat(orDebug.confidence()).isEqualTo(Confidence.HIGH);
        // Limited to the account that started a run only insiders start: the recommended use, for an audit only.
        Finding insider = only(check, session.formatted("push", "", "", limited));
        assertThat(insider.severity()).isEqualTo(Severity.INFO);
        assertThat(insider.confidence()).isEqualTo(Confidence.LOW);
        // Limited to the account that started a run an outsider starts with secrets: that outsider.
        Finding outsider = only(check, session.formatted("pull_request_target", "    permissions:\n      contents: write\n", "", limited));
        assertThat(outsider.severity()).isEqualTo(Severity.HIGH);
        assertThat(outsider.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only(check, session.formatted("pull_request_target", "", "", limited)).severity()).isEqualTo(Severity.LOW);
        assertThat(scan(check, "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: shimataro/ssh-key-action@v2\n")).isEmpty();
    }

    @Test
    void aMissingCooldownIsLowAndMediumWhereAWorkflowMergesDependabotsPullRequests(@TempDir Path root) throws Exception {
        var check = new DependabotCooldownCheck();
        write(root, ".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n");
        Finding reviewed = findingsIn(root, check).get(0);
        assertThat(reviewed.severity()).isEqualTo(Severity.LOW);
        assertThat(reviewed.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(reviewed.related()).isEmpty();
        // A job for Dependabot's pull requests (it reads their metadata) that approves them by itself.
        write(root, ".github/workflows/approve.yml", "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: dependabot/fetch-metadata@v2\n      - run: gh pr review --approve \"$URL\"\n");
        Finding merged = findingsIn(root, check).get(0);
        assertThat(merged.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(merged.message()).contains(".github/workflows/approve.yml merges or approves");
        assertThat(merged.related()).singleElement().satisfies(r -> assertThat(r.location().startLine()).isEqualTo(7));
        // A review that only comments approves nothing; a merge job that never looks at Dependabot merges other things.
        write(root, ".github/workflows/approve.yml", "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: dependabot/fetch-metadata@v2\n      - run: gh pr review --comment -b hi\n"
                + "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr merge --auto \"$URL\"\n");
        assertThat(findingsIn(root, check).get(0).severity()).isEqualTo(Severity.LOW);
    }

    /**
     * A Dependabot configuration without github-actions is reported where the repository's workflows use others'
     * actions and no Renovate configuration updates them; less surely when the repository was not walked.
     */
    @Test
    void actionsLeftOutOfDependabotAreLowAndLessSureUnwalked(@TempDir Path root) throws Exception {
        var check = new DependabotGithubActionsCheck();
        write(root, ".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n");
        assertThat(findingsIn(root, check)).as("no workflow").isEmpty();
        write(root, ".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n      - uses: actions/checkout@v5\n      - uses: ./local\n");
        Finding walked = findingsIn(root, check).get(0);
        assertThat(walked.severity()).isEqualTo(Severity.LOW);
        assertThat(walked.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(walked.location().startLine()).isEqualTo(2);
        assertThat(walked.message()).contains("Dependabot keeps npm up to date here but not github-actions")
                .contains("use 1 action and reusable workflow of other repositories (actions/checkout)");
        assertThat(walked.related()).singleElement().satisfies(r -> assertThat(r.location().startLine()).isEqualTo(6));
        // Named as files, the repository is not walked: a Renovate configuration beside them would not be seen.
        Finding named = WorkflowFiles.check(new Discovery().discover(root, List.of(
                root.resolve(".github/dependabot.yml"), root.resolve(".github/workflows/ci.yml")), null), check).get(0);
        assertThat(named.confidence()).isEqualTo(Confidence.MEDIUM);
        // Renovate updates the actions; an entry of Dependabot's own does too.
        write(root, ".github/renovate.json", "{}\n");
        assertThat(findingsIn(root, check)).isEmpty();
        Files.delete(root.resolve(".github/renovate.json"));
        write(root, ".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n"
                + "  - package-ecosystem: GitHub-Actions\n    directory: /\n");
        assertThat(findingsIn(root, check)).isEmpty();
    }

    @Test
    void allowedCodeExecutionIsHighOnlyWithPrivateRegistryCredentials(@TempDir Path root) throws Exception {
        var check = new DependabotExecutionCheck();
        String config = "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n%s"
                + "    insecure-external-code-execution: allow\n";
        write(root, ".github/dependabot.yml", config.formatted("    registries: [internal]\n"));
        Finding withRegistry = findingsIn(root, check).get(0);
        assertThat(withRegistry.severity()).isEqualTo(Severity.HIGH);
        assertThat(withRegistry.message()).contains("registries: internal");
        write(root, ".github/dependabot.yml", config.formatted(""));
        assertThat(findingsIn(root, check)).singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
        write(root, ".github/dependabot.yml", config.formatted("").replace("allow", "deny"));
        assertThat(findingsIn(root, check)).isEmpty();
    }

    /**
     * An input a workflow does not declare is empty in every run, since GitHub refuses a call or a manual run that
     * passes it; an action's undeclared input reaches it when a caller sets one, so without a call of the action in the
     * scan the read is only likely empty. In a condition the read is medium, in a value low.
     */
    @Test
    void undefinedReferencesAreSureForWorkflowsAndForActionsCalledInTheScan() throws Exception {
        var check = new UndefinedReferenceCheck();
        String workflow = """
                on:
                  workflow_dispatch:
                    inputs:
                      version: {type: string}
                jobs:
                  j:
                    runs-on: ubuntu-latest
                    steps:
                      - if: inputs.dry-run
                        run: echo "${{ inputs.versoin }}"
                """;
        List<Finding> findings = scan(check, workflow);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.MEDIUM, Severity.LOW);
        assertThat(findings).extracting(Finding::confidence).containsOnly(Confidence.HIGH);

        Path root = dir.resolve("repo");
        String action = """
                name: a
                description: a
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: echo "${{ inputs.token }}"
                """;
        write(root, "action.yml", action);
        assertThat(findingsIn(root, check)).singleElement().extracting(Finding::confidence).isEqualTo(Confidence.MEDIUM);
        write(root, ".github/workflows/w.yml", "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: ./\n");
        assertThat(findingsIn(root, check)).singleElement().extracting(Finding::confidence).isEqualTo(Confidence.HIGH);
        write(root, ".github/workflows/w.yml", "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: ./\n        with:\n          TOKEN: t\n");
        assertThat(findingsIn(root, check)).isEmpty();
    }

    /**
     * A runner image saved from a run that builds an outsider's checked-out code is sure; from a fork's own run it
     * depends on the runner group's settings, and from a run that only reads the outsider's data it is less sure.
     */
    @Test
    void snapshotsAreSureWhereThePrivilegedRunChecksOutTheOutsidersCode() throws Exception {
        var check = new UntrustedSnapshotCheck();
        String job = "jobs:\n  image:\n    runs-on: image-builder\n    snapshot: tools\n    steps:\n%s      - run: make\n";
        String checkout = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n"
                + "          ref: ${{ github.event.pull_request.head.sha }}\n";
        Finding privileged = only(check, "on: pull_request_target\n" + job.formatted(checkout));
        assertThat(privileged.severity()).isEqualTo(Severity.HIGH);
        assertThat(privileged.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only(check, "on: pull_request\n" + job.formatted("")).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(only(check, "on: issue_comment\n" + job.formatted("")).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(scan(check, "on: [push, schedule]\n" + job.formatted(checkout))).isEmpty();
    }
}
