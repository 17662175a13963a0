package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.analyze.checks.github.ExcessivePermissionsCheck;
import dev.cimatrix.analyze.checks.github.SecretsInUntrustedJobCheck;
import dev.cimatrix.analyze.checks.github.SelfHostedRunnerCheck;
import dev.cimatrix.analyze.checks.github.UntrustedCheckoutCheck;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Gates that sit in other jobs and other workflows: an approval job, the callers of a reusable workflow. */
class GatesTest {
    @TempDir
    Path dir;

    private static final String PWN_JOB = """
              scan:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: make scan
                    env:
                      KEY: ${{ secrets.SCAN_KEY }}
            """;

    private static final String SHARED = "on:\n  workflow_call:\njobs:\n" + PWN_JOB;

    private List<Finding> scan(Check check, Map<String, String> workflows) throws Exception {
        return WorkflowFiles.scan(dir, check, workflows);
    }

    private static String caller(String approval, String needs) {
        return """
                on: pull_request_target
                jobs:
                %s  security:
                    %s
                    uses: ./.github/workflows/shared.yml
                    secrets: inherit
                """.formatted(approval, needs);
    }

    private static final String APPROVAL = """
              approve:
                runs-on: ubuntu-latest
                environment: external-pr
                steps:
                  - run: echo approved
            """;

    /** The findings of one check over a repository folder as a walk reads it, issue templates included. */
    private List<Finding> scanRepository(Check check, String workflow, Map<String, String> templates) throws Exception {
        // A folder of its own for each scan, so that no template of an earlier one is left.
        Path repository = Files.createTempDirectory(dir, "repo");
        Files.createDirectories(repository.resolve(".github/workflows"));
        Files.writeString(repository.resolve(".github/workflows/triage.yml"), workflow);
        for (var template : templates.entrySet()) {
            Path file = repository.resolve(".github/ISSUE_TEMPLATE").resolve(template.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, template.getValue());
        }
        return WorkflowFiles.check(new Discovery().discover(repository, List.of(repository), null), check);
    }

    /**
     * A label an issue template adds is the label of whoever opens an issue with it: a condition on it keeps no
     * outsider out. A label no template adds is one someone with triage access gives, as before.
     */
    @Test
    void aLabelAnIssueTemplateAddsIsNoGate() throws Exception {
        String workflow = """
                on:
                  issues:
                    types: [opened, labeled]
                jobs:
                  triage:
                    if: contains(github.event.issue.labels.*.name, 'bug') || github.event.label.name == 'bug'
                    runs-on: [self-hosted, linux]
                    steps:
                      - run: ./triage.sh
                """;
        Check check = new SelfHostedRunnerCheck();
        Finding unknown = scanRepository(check, workflow, Map.of()).get(0);
        assertThat(unknown.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(unknown.message()).contains("behind a gate: the job requires a label");
        Finding byTemplate = scanRepository(check, workflow, Map.of("bug.yml", "name: Bug\nlabels: [bug, triage]\n"))
                .get(0);
        assertThat(byTemplate.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(byTemplate.message()).doesNotContain("behind a gate");
        assertThat(byTemplate.related()).anySatisfy(r -> {
            assertThat(r.location().path()).isEqualTo(".github/ISSUE_TEMPLATE/bug.yml");
            assertThat(r.location().startLine()).isEqualTo(2);
            assertThat(r.message()).isEqualTo("the issue template .github/ISSUE_TEMPLATE/bug.yml adds the labels 'bug', 'triage' for "
                    + "whoever opens an issue with it, so the condition on labels keeps no outsider out");
        });
        Finding otherLabels = scanRepository(check, workflow, Map.of("bug.yml", "name: Bug\nlabels: [question]\n",
                "idea.md", "---\nname: Idea\nlabels: enhancement\n---\n")).get(0);
        assertThat(otherLabels.confidence()).isEqualTo(Confidence.MEDIUM);
        // A label test in a workflow no issue starts is not about issue templates.
        String pullRequests = workflow.replace("issues:\n    types: [opened, labeled]",
                "pull_request_target:\n    types: [opened, labeled]")
                .replace("github.event.issue.labels", "github.event.pull_request.labels");
        assertThat(scanRepository(check, pullRequests, Map.of("bug.yml", "labels: [bug]\n")).get(0).message())
                .contains("behind a gate");
    }

    /**
     * With the repository's templates read, a label just added that none of them adds is someone's with triage
     * access: only they start the run. Without a template folder the repository gets its owner's default templates,
     * which the scan does not see, so an outsider may start it as before.
     */
    @Test
    void aLabelNoIssueTemplateAddsIsAnInsidersAct() throws Exception {
        String workflow = """
                on:
                  issues:
                    types: [labeled]
                jobs:
                  reply:
                    if: github.event.label.name == 'needs-repro'
                    runs-on: ubuntu-latest
                    steps:
                      - run: gh issue comment "$NUMBER" --body "Please add a reproduction"
                        env:
                          GH_TOKEN: ${{ github.token }}
                          NUMBER: ${{ github.event.issue.number }}
                """;
        Check check = new ExcessivePermissionsCheck();
        Finding unknown = scanRepository(check, workflow, Map.of()).get(0);
        assertThat(unknown.severity()).isEqualTo(Severity.HIGH);
        assertThat(unknown.message()).endsWith("it runs on issues, which an outsider can start");
        Finding insiders = scanRepository(check, workflow, Map.of("bug.yml", "labels: [bug]\n")).get(0);
        assertThat(insiders.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(insiders.message()).doesNotContain("outsider");
        Finding byTemplate = scanRepository(check, workflow, Map.of("bug.yml", "labels: [bug]\n",
                "repro.md", "---\nname: Missing reproduction\nlabels: needs-repro, bug\n---\n")).get(0);
        assertThat(byTemplate.severity()).isEqualTo(Severity.HIGH);
        // A test of the issue's labels is no such act: an outsider edits or reopens an issue someone labelled.
        String onLabels = workflow.replace("types: [labeled]", "types: [labeled, edited]")
                .replace("github.event.label.name == 'needs-repro'", "contains(github.event.issue.labels.*.name, 'needs-repro')");
        assertThat(scanRepository(check, onLabels, Map.of("bug.yml", "labels: [bug]\n")).get(0).severity())
                .isEqualTo(Severity.HIGH);
        // Listening only for new issues and their labels, the issue's labels are those of the template picked.
        String onNewIssues = onLabels.replace("types: [labeled, edited]", "types: [opened, labeled]");
        assertThat(scanRepository(check, onNewIssues, Map.of("bug.yml", "labels: [bug]\n")).get(0).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(scanRepository(check, onNewIssues, Map.of("bug.yml", "labels: [bug, needs-repro]\n")).get(0)
                .severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aJobAfterAnApprovalJobIsGated() throws Exception {
        String workflow = "on: pull_request_target\njobs:\n" + APPROVAL + PWN_JOB.replace("    runs-on:",
                "    needs: approve\n    runs-on:");
        Finding gated = scan(new UntrustedCheckoutCheck(), Map.of("w.yml", workflow)).get(0);
        assertThat(gated.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(gated.message()).contains("behind a gate: the job needs 'approve', which runs in environment "
                + "'external-pr', which may require a reviewer");
        // A job that runs whatever became of the approval job is not behind it.
        String always = workflow.replace("    needs: approve\n", "    needs: approve\n    if: always()\n");
        assertThat(scan(new UntrustedCheckoutCheck(), Map.of("w.yml", always)).get(0).confidence())
                .isEqualTo(Confidence.HIGH);
    }

    /**
     * An environment may require a reviewer; the settings file that governs the workflow says whether it does. Listed
     * with reviewers it is an approval, named with them; listed without, it holds back no outsider's run (a
     * deployment branch policy lets in the default branch, where pull_request_target runs), so it is no gate. An
     * environment the file does not list is as unknown as without a file.
     */
    @Test
    void theSettingsSayWhetherAnEnvironmentIsAGate() throws Exception {
        String workflow = "on: pull_request_target\njobs:\n" + APPROVAL + PWN_JOB.replace("    runs-on:",
                "    needs: approve\n    runs-on:");
        String reviewed = """
                environments:
                  - name: External-PR
                    reviewers:
                      - type: Team
                        id: 7
                    prevent_self_review: true
                """;
        Finding gated = scanWithSettings(workflow, reviewed);
        assertThat(gated.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(gated.message()).contains("behind a gate: the job needs 'approve', which runs in environment "
                + "'external-pr', where its required reviewer approves each run, who may not be the one who started it "
                + "(.github/settings.yml:2)");

        String branchPolicyOnly = """
                environments:
                  - name: external-pr
                    deployment_branch_policy:
                      protected_branches: true
                      custom_branch_policies: false
                """;
        Finding open = scanWithSettings(workflow, branchPolicyOnly);
        assertThat(open.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(open.message()).doesNotContain("behind a gate");

        // The job's own environment, as the environment of a job it needs.
        String own = "on: pull_request_target\njobs:\n" + PWN_JOB.replace("    runs-on:",
                "    environment: external-pr\n    runs-on:");
        assertThat(scanWithSettings(own, branchPolicyOnly).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(scanWithSettings(own, reviewed).message()).contains("behind a gate: the job runs in environment "
                + "'external-pr', where its required reviewer approves");

        Finding unlisted = scanWithSettings(workflow, "environments:\n  - name: production\n");
        assertThat(unlisted.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(unlisted.message()).contains("'external-pr', which may require a reviewer");
    }

    /** The untrusted checkout finding of a repository holding the workflow and the Settings app's file. */
    private Finding scanWithSettings(String workflow, String settings) throws Exception {
        Path repository = Files.createTempDirectory(dir, "repo");
        Files.createDirectories(repository.resolve(".github/workflows"));
        Files.writeString(repository.resolve(".github/workflows/w.yml"), workflow);
        Files.writeString(repository.resolve(".github/settings.yml"), settings);
        List<Finding> findings = WorkflowFiles.check(new Discovery().discover(repository, List.of(repository), null),
                new UntrustedCheckoutCheck());
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void aReusableWorkflowIsBehindTheGatesOfEveryCallerOnAnOutsidersEvent() throws Exception {
        List<Finding> gated = scan(new SecretsInUntrustedJobCheck(), Map.of(
                "shared.yml", SHARED, "security.yml", caller(APPROVAL, "needs: approve"),
                "main.yml", caller("", "if: true").replace("pull_request_target", "push")));
        assertThat(gated).hasSize(1);
        assertThat(gated.get(0).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(gated.get(0).message()).contains("every job that calls this workflow on an outsider's event is "
                + "behind a gate (in 1 caller; the job needs 'approve'");
        // One caller without a gate lets the outsider in.
        List<Finding> open = scan(new SecretsInUntrustedJobCheck(), Map.of(
                "shared.yml", SHARED, "security.yml", caller(APPROVAL, "needs: approve"),
                "main.yml", caller("", "if: true")));
        assertThat(open).hasSize(1);
        assertThat(open.get(0).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(open.get(0).message()).doesNotContain("behind a gate");
    }

    /** A workflow that checks out a pull request's code with {@code ref} and builds it, behind {@code gate}. */
    private static String build(String on, String gate, String ref) {
        return """
                on:
                %s
                jobs:
                  build:
                %s    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                        with:
                          ref: %s
                      - run: npm ci
                        env:
                          TOKEN: ${{ secrets.NPM_TOKEN }}
                """.formatted(on, gate, ref);
    }

    private Finding onlyFinding(Check check, String workflow) throws Exception {
        List<Finding> findings = scan(check, Map.of("w.yml", workflow));
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    /**
     * An approval (a label, a deployment review, a maintainer's command in a comment) covers the pull request as it
     * was when given. A checkout of its branch or refs/pull/ ref takes whatever it holds when the job runs, so the
     * author pushes after the approval and the gate lowers nothing. A checkout of the commit the event names holds.
     */
    @Test
    void anApprovalALaterPushOutrunsLowersNothing() throws Exception {
        Check check = new UntrustedCheckoutCheck();
        String labeled = "  pull_request_target:\n    types: [labeled]";
        String sha = "${{ github.event.pull_request.head.sha }}";
        String branch = "${{ github.event.pull_request.head.ref }}";
        String merge = "refs/pull/${{ github.event.number }}/merge";
        assertThat(onlyFinding(check, build(labeled, "", sha)).confidence()).isEqualTo(Confidence.MEDIUM);
        Finding outrun = onlyFinding(check, build(labeled, "", branch));
        assertThat(outrun.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(outrun.message()).contains("behind a gate that a later push outruns: the workflow runs on "
                + "pull_request_target only when someone with triage or write access acts (labeled)");
        assertThat(outrun.related()).anySatisfy(r -> assertThat(r.message()).endsWith("but the checkout names the pull "
                + "request's branch or ref, which takes its newest commit when the job runs, so a push after the "
                + "approval is what runs"));
        assertThat(outrun.properties()).containsEntry("gateOutrun", "true");

        String onLabel = "    if: contains(github.event.pull_request.labels.*.name, 'safe to test')\n";
        assertThat(onlyFinding(check, build(labeled, onLabel, merge)).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(onlyFinding(check, build(labeled, onLabel, sha)).confidence()).isEqualTo(Confidence.MEDIUM);
        String environment = "    environment: external\n";
        assertThat(onlyFinding(check, build("  pull_request_target:", environment, branch)).confidence())
                .isEqualTo(Confidence.HIGH);
        assertThat(onlyFinding(check, build("  pull_request_target:", environment, sha)).confidence())
                .isEqualTo(Confidence.MEDIUM);

        // A maintainer's command in a comment: the comment's event names no commit at all.
        String comment = "  issue_comment:\n    types: [created]";
        String byMember = "    if: github.event.comment.author_association == 'MEMBER'\n";
        String pullRef = "refs/pull/${{ github.event.issue.number }}/head";
        Finding command = onlyFinding(check, build(comment, byMember, pullRef));
        assertThat(command.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(command.message()).contains("behind a gate that a later push outruns: the job checks the author's "
                + "association");
        assertThat(command.related()).anySatisfy(r -> assertThat(r.message()).contains("the issue_comment event names "
                + "no commit"));
        String ghCheckout = build(comment, byMember, pullRef).replace("""
                      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                        with:
                          ref: %s
                """.formatted(pullRef), "      - run: gh pr checkout ${{ github.event.issue.number }}\n");
        assertThat(onlyFinding(check, ghCheckout).confidence()).isEqualTo(Confidence.HIGH);

        // Not approvals: a test of the pull request's author, whose own push fails it too, and a condition no fork
        // passes, which keeps outsiders out whatever they push.
        String byAuthor = "    if: github.event.pull_request.author_association == 'MEMBER'\n";
        assertThat(onlyFinding(check, build("  pull_request_target:", byAuthor, branch)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        String noForks = "    if: github.event.pull_request.head.repo.full_name == github.repository\n";
        assertThat(onlyFinding(check, build("  pull_request_target:", noForks, branch)).confidence())
                .isEqualTo(Confidence.LOW);
        // The actor of a pull request's own events is its author; of a label, whoever labels.
        String byActor = "    if: github.actor == 'maintainer'\n";
        assertThat(onlyFinding(check, build("  pull_request_target:", byActor, branch)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(onlyFinding(check, build(comment, byActor, pullRef)).confidence()).isEqualTo(Confidence.HIGH);

        // A self-hosted runner that such a job runs on gets the code pushed after the approval.
        String onRunner = build("  pull_request_target:", environment, branch)
                .replace("runs-on: ubuntu-latest", "runs-on: [self-hosted, linux]");
        assertThat(onlyFinding(new SelfHostedRunnerCheck(), onRunner).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(onlyFinding(new SelfHostedRunnerCheck(), onRunner.replace(branch, sha)).confidence())
                .isEqualTo(Confidence.MEDIUM);

        // The secrets of such a job are as exposed as its build.
        Finding secret = onlyFinding(new SecretsInUntrustedJobCheck(), build(labeled, "", branch));
        assertThat(secret.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(secret.message()).contains("behind a gate that a later push outruns");
        assertThat(onlyFinding(new SecretsInUntrustedJobCheck(), build(labeled, "", sha)).confidence())
                .isEqualTo(Confidence.MEDIUM);
    }

    /**
     * A label on a pull request stays there when its author pushes again. Where the workflow runs on that push (the
     * default activity of pull_request_target, or the author's own comment), a condition on the labels it carries
     * lets every later push through, whatever the checkout names; unless a step takes the label off.
     */
    @Test
    void aLabelThatStaysThroughLaterPushesLowersNothing() throws Exception {
        Check check = new UntrustedCheckoutCheck();
        String sha = "${{ github.event.pull_request.head.sha }}";
        String onLabel = "    if: contains(github.event.pull_request.labels.*.name, 'safe to test')\n";
        Finding standing = onlyFinding(check, build("  pull_request_target:", onLabel, sha));
        assertThat(standing.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(standing.message()).contains("behind a gate that later pushes pass: the job requires a label");
        assertThat(standing.related()).anySatisfy(r -> assertThat(r.message()).contains("the label stays on the pull "
                + "request when its author pushes again"));
        assertThat(onlyFinding(check, build("  pull_request_target:\n    types: [opened, reopened]", onLabel, sha))
                .confidence()).as("reopening runs the newest commit too").isEqualTo(Confidence.HIGH);
        // A label just added is no label carried: only the labelling runs the job.
        String justAdded = "    if: github.event.label.name == 'safe to test'\n";
        assertThat(onlyFinding(check, build("  pull_request_target:", justAdded, sha)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        // A workflow that takes the label off makes each push need a new one.
        String removing = build("  pull_request_target:", onLabel, sha) + """
                  unlabel:
                    runs-on: ubuntu-latest
                    steps:
                      - run: gh pr edit "$PR" --remove-label 'safe to test'
                """;
        assertThat(onlyFinding(check, removing).confidence()).isEqualTo(Confidence.MEDIUM);
        // A comment of the author's own starts the run again on a labelled pull request.
        String onIssueLabel = "    if: contains(github.event.issue.labels.*.name, 'ok-to-test')\n";
        assertThat(onlyFinding(check, build("  issue_comment:\n    types: [created]", onIssueLabel,
                "refs/pull/${{ github.event.issue.number }}/head")).message())
                .contains("behind a gate that later pushes pass");
        // An issue's labels under issue events concern no pull request.
        assertThat(onlyFinding(new SelfHostedRunnerCheck(), """
                on:
                  issues:
                    types: [opened, labeled]
                  issue_comment:
                jobs:
                  notify:
                    if: github.event_name == 'issues' && contains(github.event.issue.labels.*.name, 'security')
                    runs-on: [self-hosted, linux]
                    steps:
                      - run: ./notify.sh
                """).message()).doesNotContain("later pushes pass");
    }

    /** Whether the workflow takes labels off is asked once for it, not for every step of every labelled job. */
    @Test
    void thousandsOfLabelledJobsStayFast() throws Exception {
        StringBuilder workflow = new StringBuilder("on: pull_request_target\njobs:\n");
        for (int i = 0; i < 3000; i++) {
            workflow.append("  j").append(i).append(":\n    if: contains(github.event.pull_request.labels.*.name, 'ok')\n")
                    .append("    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n")
                    .append("          ref: ${{ github.event.pull_request.head.sha }}\n");
            for (int k = 0; k < 8; k++) {
                workflow.append("      - run: make t").append(k).append('\n');
            }
        }
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> scan(new UntrustedCheckoutCheck(), Map.of("w.yml", workflow.toString())));
        assertThat(findings).hasSize(24_000).allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.HIGH));
    }
}
