package dev.cimatrix.paths;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.declared.DeclaredModelReader;
import dev.cimatrix.discover.terraform.TerraformRoles;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Graph construction from workflows, findings and the declared model. */
class AttackPathsTest {
    private static final String COMMENT_BOT = """
            on: issue_comment
            permissions:
              contents: write
            jobs:
              reply:
                runs-on: [self-hosted, build-pool]
                steps:
                  - run: echo "${{ github.event.comment.body }}"
            """;

    /** A pull request's code checked out and run by a workflow that writes no permissions. */
    private static final String UNSCOPED_CHECKOUT = """
            on: pull_request_target
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: make
            """;

    private static PathAnalysis analyse(Path root, String workflow, String model) throws Exception {
        Files.createDirectories(root.resolve(".github/workflows"));
        Files.writeString(root.resolve(".github/workflows/bot.yml"), workflow);
        Catalog catalog = Catalog.builtin();
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        List<Finding> findings = new Analyzer(catalog, CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(inventory).findings();
        DeclaredModel declared = model == null ? DeclaredModel.absent()
                : DeclaredModelReader.parse("cimatrix-model.yml", model, catalog);
        return AttackPaths.analyse(inventory, findings, declared, PathLimits.DEFAULT);
    }

    @Test
    void withoutAModelPathsEndAtAssetsInferredFromTheToken(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, COMMENT_BOT, null);
        assertThat(analysis.graph().nodes(NodeKind.PERSONA)).extracting(Node::id)
                .containsExactly("persona:compromised-dependency", "persona:outside-contributor");
        AttackPath path = analysis.paths().get(0);
        assertThat(path.asset().attribute("inferred")).isEqualTo("yes");
        assertThat(path.cells()).containsExactly("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T104",
                "CRED/CICD-T109", "PRIV/CICD-T022");
        // the repository's exposure is not known, so the first move is only half likely
        assertThat(path.steps().get(0).likelihood()).isEqualTo(0.5);
        assertThat(analysis.unknowns()).anyMatch(u -> u.startsWith("no cimatrix-model.yml"));
        assertThat(analysis.mixedJobs()).extracting(JobExposure::job).containsExactly("reply");
    }

    @Test
    void aDeclaredRunnerLeadsOnToWhatItCanReach(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, COMMENT_BOT, """
                components:
                  - id: build-pool
                    type: runner
                  - id: prod-cluster
                    type: cluster
                reachability:
                  - from: build-pool
                    to: prod-cluster
                assets:
                  - id: customer-db
                    kind: data
                    criticality: critical
                    in: prod-cluster
                """);
        AttackPath best = analysis.paths().get(0);
        assertThat(best.asset().id()).isEqualTo("asset:customer-db");
        assertThat(best.cells()).endsWith("EXEC/CICD-T011", "LATM/CICD-T035", "EXFL/CICD-T038");
        assertThat(best.steps().get(best.steps().size() - 3).location().path()).isEqualTo(".github/workflows/bot.yml");
    }

    /**
     * The most common poisoned pipeline: no permissions written, so the job's token has the repository's default,
     * which may be read-write. The job holds that token, so a path runs through it, at lower likelihood than a
     * write scope that is written down, and the default is listed among what is not known.
     */
    @Test
    void aJobWithTheDefaultTokenLeadsToTheRepositoryAtLowerLikelihood(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, UNSCOPED_CHECKOUT, null);
        assertThat(analysis.mixedJobs()).singleElement().satisfies(j -> assertThat(j.privileges())
                .containsExactly("token with the repository's default permissions, which may be read-write"));
        AttackPath path = analysis.paths().get(0);
        assertThat(path.cells()).containsExactly("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T016",
                "CRED/CICD-T109", "PRIV/CICD-T022");
        assertThat(path.steps().get(3).likelihood()).isEqualTo(0.4);
        assertThat(path.steps().get(4).likelihood()).isEqualTo(0.5);
        assertThat(analysis.unknowns()).anyMatch(u -> u.contains("token permissions not written"));
    }

    /**
     * A settings file of the scan says what the default token is: one that can write makes the job hold a token that
     * writes everything, as likely as a written grant; one that reads only takes the token off the path.
     */
    @Test
    void aSettingsFileSaysWhatTheDefaultTokenIs(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve(".github"));
        Files.writeString(root.resolve(".github/settings.yml"), "actions:\n  default_workflow_permissions: write\n");
        PathAnalysis writes = analyse(root, UNSCOPED_CHECKOUT, null);
        assertThat(writes.mixedJobs()).singleElement().satisfies(j -> assertThat(j.privileges())
                .containsExactly("token all: write"));
        AttackPath path = writes.paths().stream().filter(p -> p.cells().contains("PRIV/CICD-T022")).findFirst()
                .orElseThrow();
        assertThat(path.cells()).endsWith("CRED/CICD-T109", "PRIV/CICD-T022");
        assertThat(path.steps().get(3).likelihood()).isEqualTo(0.8);
        assertThat(path.steps().get(3).location().path()).isEqualTo(".github/settings.yml");
        assertThat(path.steps().get(3).location().startLine()).isEqualTo(2);
        assertThat(writes.unknowns()).noneMatch(u -> u.contains("token permissions not written"));

        Files.writeString(root.resolve(".github/settings.yml"), "actions:\n  default_workflow_permissions: read\n"
                + "unknown:\n  branches: GET …/protection answered 403\n");
        PathAnalysis reads = analyse(root, UNSCOPED_CHECKOUT, null);
        assertThat(reads.unknowns()).contains(".github/settings.yml: branches not read (GET …/protection answered 403)");
        assertThat(reads.paths()).noneMatch(p -> p.cells().contains("PRIV/CICD-T022"));
        assertThat(reads.unknowns()).noneMatch(u -> u.contains("token permissions not written"));
    }

    /**
     * A maintainer runs a changed workflow by pushing a branch. An environment the settings list holds that run back:
     * its deployment branch policy turns away the branch, its required reviewers must approve (someone else, with
     * self-review prevented). Each lowers the move; an environment the file does not list, or lists with neither, does
     * not.
     */
    @Test
    void anEnvironmentsRulesHoldBackAMaintainersRun(@TempDir Path root) throws Exception {
        String deploy = """
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: Production
                    steps:
                      - run: ./deploy.sh
                        env:
                          TOKEN: ${{ secrets.DEPLOY_TOKEN }}
                """;
        String model = """
                personas:
                  - id: insider
                    kind: maintainer
                """;
        Files.createDirectories(root.resolve(".github"));
        Path settings = root.resolve(".github/settings.yml");
        Files.writeString(settings, "environments:\n  - name: staging\n");
        assertThat(maintainerMove(analyse(root, deploy, model)).likelihood()).isEqualTo(0.3);

        Files.writeString(settings, "environments:\n  - name: production\n");
        assertThat(maintainerMove(analyse(root, deploy, model)).likelihood()).isEqualTo(0.3);

        Files.writeString(settings, """
                environments:
                  - name: production
                    deployment_branch_policy:
                      protected_branches: true
                      custom_branch_policies: false
                """);
        Move branchLimited = maintainerMove(analyse(root, deploy, model));
        assertThat(branchLimited.likelihood()).isCloseTo(0.09, within(1e-9));
        assertThat(branchLimited.because()).endsWith("; but the environment 'production' (.github/settings.yml:2) "
                + "takes only runs of the branches its deployment branch policy allows, so the change must first land "
                + "on one of them");

        Files.writeString(settings, """
                environments:
                  - name: production
                    reviewers:
                      - type: Team
                        id: 1
                      - type: User
                        id: 2
                """);
        Move reviewed = maintainerMove(analyse(root, deploy, model));
        assertThat(reviewed.likelihood()).isCloseTo(0.18, within(1e-9));
        assertThat(reviewed.because()).endsWith("; but the run waits until the environment 'production' "
                + "(.github/settings.yml:2): one of its 2 required reviewers approves each run");

        Files.writeString(settings, """
                environments:
                  - name: production
                    reviewers:
                      - type: Team
                        id: 1
                    prevent_self_review: true
                    deployment_branch_policy:
                      protected_branches: true
                """);
        Move both = maintainerMove(analyse(root, deploy, model));
        assertThat(both.likelihood()).isCloseTo(0.027, within(1e-9));
        assertThat(both.because()).endsWith("so the change must first land on one of them, and the run waits until "
                + "its required reviewer approves each run, who may not be the one who started it");
    }

    /**
     * A repository's snapshot that lists its secrets, the organisation's it gets and its environments' own says where a
     * secret a job reads comes from: a name none of them holds gives the job nothing, so no move; an environment's
     * secret is only its jobs'. Without the organisation's list, such a name may still be the organisation's.
     */
    @Test
    void aSnapshotsSecretListsSayWhichSecretsAJobGets(@TempDir Path root) throws Exception {
        String workflow = """
                on: pull_request_target
                permissions: {}
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.pull_request.head.sha }}
                      - run: make
                        env:
                          DEPLOY: ${{ secrets.DEPLOY_KEY }}
                          NPM: ${{ secrets.npm_token }}
                          SENTRY: ${{ secrets.SENTRY_DSN }}
                  deploy:
                    runs-on: ubuntu-latest
                    environment: production
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.pull_request.head.sha }}
                      - run: ./deploy
                        env:
                          DEPLOY: ${{ secrets.DEPLOY_KEY }}
                """;
        String listed = """
                secrets:
                  - name: NPM_TOKEN
                organization_secrets:
                  - name: SENTRY_DSN
                environments:
                  - name: production
                    secrets:
                      - name: DEPLOY_KEY
                """;
        Files.createDirectories(root.resolve(".github"));
        Files.writeString(root.resolve(".github/settings.yml"), listed);
        PathAnalysis analysis = analyse(root, workflow, null);
        List<Move> build = analysis.graph().outgoing("job:.github/workflows/bot.yml#build");
        assertThat(build).extracting(Move::to).anyMatch(t -> t.endsWith("/NPM_TOKEN"))
                .anyMatch(t -> t.endsWith("/SENTRY_DSN")).noneMatch(t -> t.endsWith("/DEPLOY_KEY"));
        assertThat(analysis.graph().outgoing("job:.github/workflows/bot.yml#deploy"))
                .filteredOn(m -> m.to().endsWith("/DEPLOY_KEY")).singleElement()
                .satisfies(m -> assertThat(m.because()).contains("(a secret of the environment 'production', which "
                        + "only its jobs get)"));

        // Without the organisation's list, DEPLOY_KEY may be an organisation secret the repository gets.
        Files.writeString(root.resolve(".github/settings.yml"), listed.replace(
                "organization_secrets:\n  - name: SENTRY_DSN\n", ""));
        assertThat(analyse(root, workflow, null).graph().outgoing("job:.github/workflows/bot.yml#build"))
                .extracting(Move::to).anyMatch(t -> t.endsWith("/DEPLOY_KEY"));
    }

    private static Move maintainerMove(PathAnalysis analysis) {
        List<Move> moves = analysis.graph().moves().stream()
                .filter(m -> m.from().equals("persona:insider") && m.to().startsWith("job:")).toList();
        assertThat(moves).hasSize(1);
        return moves.get(0);
    }

    /** An AI agent anyone can instruct runs the outsider's instructions with the job's token: an entry like an injection. */
    @Test
    void anAgentAnyoneCanInstructIsAnEntryIntoItsJob(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, """
                on: issue_comment
                permissions:
                  contents: write
                jobs:
                  agent:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: openai/codex-action@v1
                        with:
                          openai-api-key: ${{ secrets.OPENAI_API_KEY }}
                          allow-users: '*'
                          prompt-file: .github/prompts/reply.md
                """, null);
        AttackPath path = analysis.paths().stream().filter(p -> p.cells().contains("EXEC/CICD-T104")).findFirst()
                .orElseThrow();
        assertThat(path.cells()).containsExactly("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T104",
                "CRED/CICD-T109", "PRIV/CICD-T022");
        assertThat(path.steps().get(2).evidence()).isEqualTo("finding:gha-ai-prompt-injection");
    }

    /**
     * A secret written into an uploaded artifact is read by whoever downloads it: on a public repository the outside
     * contributor reaches the secret, and what it grants, without running anything. On a private one they do not.
     */
    @Test
    void aSecretInAnUploadedArtifactIsReadByWhoeverDownloadsIt(@TempDir Path root) throws Exception {
        String workflow = """
                on: push
                permissions:
                  contents: read
                jobs:
                  sign:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ secrets.DEPLOY_KEY }}" > deploy.key
                      - uses: actions/upload-artifact@v4
                        with:
                          path: .
                """;
        String model = """
                components:
                  - id: acme/app
                    type: repository
                    exposure: %s
                    path: .
                  - id: prod
                    type: cloud-account
                identities:
                  - id: deployer
                    kind: secret
                    secrets: [DEPLOY_KEY]
                    grants: [prod]
                assets:
                  - id: customer-data
                    kind: data
                    criticality: critical
                    in: prod
                personas:
                  - id: outsider
                    kind: outside-contributor
                """;
        PathAnalysis open = analyse(root, workflow, model.formatted("public"));
        AttackPath path = open.paths().stream().filter(p -> p.asset().id().equals("asset:customer-data")).findFirst()
                .orElseThrow();
        assertThat(path.steps().get(0).evidence()).isEqualTo("finding:gha-secrets-in-artifact");
        assertThat(path.cells()).startsWith("CRED/CICD-T029");
        // the whole workspace is uploaded, so the finding is of medium confidence and the move as likely as that
        assertThat(path.steps().get(0).likelihood()).isEqualTo(AttackPaths.likelihood(
                dev.cimatrix.catalog.Confidence.MEDIUM));

        PathAnalysis closed = analyse(root, workflow, model.formatted("private"));
        assertThat(closed.paths()).noneMatch(p -> p.steps().stream()
                .anyMatch(s -> s.evidence().equals("finding:gha-secrets-in-artifact")));
    }

    /**
     * pre-commit hooks pinned to a tag run in the job that runs pre-commit: a compromised hook repository is a way
     * into that job, as a tag-pinned action is.
     */
    @Test
    void unpinnedPreCommitHooksAreAWayIntoTheJobThatRunsThem(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve(".pre-commit-config.yaml"), """
                repos:
                  - repo: https://github.com/pre-commit/pre-commit-hooks
                    rev: v5.0.0
                    hooks:
                      - id: check-yaml
                """);
        PathAnalysis analysis = analyse(root, """
                on: push
                permissions:
                  contents: write
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                      - run: pre-commit run --all-files
                        env:
                          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
                """, null);
        AttackPath path = analysis.paths().stream()
                .filter(p -> p.steps().get(0).evidence().equals("finding:precommit-unpinned-rev")).findFirst()
                .orElseThrow();
        assertThat(path.entry().id()).isEqualTo("persona:compromised-dependency");
        assertThat(path.cells()).startsWith("INIT/CICD-T006");
        assertThat(path.steps().get(0).location().path()).isEqualTo(".pre-commit-config.yaml");
    }

    /**
     * A debug session limited to the account that started a run outsiders start is a shell for the outsider: an entry
     * into the job. One that nobody outside reaches is not.
     */
    @Test
    void aDebugSessionAnOutsiderOpensIsAnEntryIntoItsJob(@TempDir Path root) throws Exception {
        String workflow = """
                on: %s
                permissions:
                  contents: write
                jobs:
                  debug:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: mxschmitt/action-tmate@v3
                        with:
                          limit-access-to-actor: true
                """;
        PathAnalysis outsider = analyse(root, workflow.formatted("pull_request_target"), null);
        AttackPath path = outsider.paths().stream().filter(p -> p.cells().contains("EXEC/CICD-T011")).findFirst()
                .orElseThrow();
        assertThat(path.cells()).containsExactly("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T011",
                "CRED/CICD-T109", "PRIV/CICD-T022");
        assertThat(path.steps().get(2).evidence()).isEqualTo("finding:gha-debug-session");

        PathAnalysis insider = analyse(root, workflow.formatted("workflow_dispatch"), null);
        assertThat(insider.paths()).noneMatch(p -> p.cells().contains("EXEC/CICD-T011"));
        assertThat(insider.jobs()).allSatisfy(e -> assertThat(e.untrusted()).isEmpty());
    }

    /** Without a cooldown, a release Dependabot proposes at once and a workflow merges unread is the dependency's code. */
    @Test
    void aDependabotUpdateMergedUnreadIsAPathFromACompromisedDependency(@TempDir Path root) throws Exception {
        String merge = """
                on: pull_request_target
                permissions:
                  contents: write
                jobs:
                  merge:
                    if: github.actor == 'dependabot[bot]'
                    runs-on: ubuntu-latest
                    steps:
                      - run: gh pr merge --auto --squash "$URL"
                """;
        Files.createDirectories(root.resolve(".github"));
        Files.writeString(root.resolve(".github/dependabot.yml"),
                "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n");
        AttackPath path = analyse(root, merge, null).paths().stream()
                .filter(p -> p.steps().get(0).evidence().equals("finding:dependabot-cooldown")).findFirst().orElseThrow();
        assertThat(path.cells()).containsExactly("EXEC/CICD-T012");
        assertThat(path.steps().get(0).because()).contains("malicious npm release", "merged by .github/workflows/bot.yml");

        // With a cooldown of a week there is nothing to merge unread the day a release appears.
        Files.writeString(root.resolve(".github/dependabot.yml"), "version: 2\nupdates:\n  - package-ecosystem: npm\n"
                + "    directory: /\n    cooldown:\n      default-days: 7\n");
        assertThat(analyse(root, merge, null).paths())
                .noneMatch(p -> p.steps().get(0).evidence().equals("finding:dependabot-cooldown"));
    }

    /** On pull_request an outsider's run gets a read-only token whatever the default, so nothing is mixed there. */
    @Test
    void theDefaultTokenIsNoPrivilegeForOutsidersOnPullRequest(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, """
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ github.event.pull_request.title }}"
                """, null);
        assertThat(analysis.jobs()).singleElement().satisfies(j -> {
            assertThat(j.runsUntrustedInput()).isTrue();
            assertThat(j.privileges()).isEmpty();
        });
        assertThat(analysis.mixedJobs()).isEmpty();
        assertThat(analysis.paths()).isEmpty();
    }

    @Test
    void jobsReachedOnlyWithoutPrivilegesAreNotEntries(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, """
                on: pull_request
                permissions:
                  contents: write
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ github.event.pull_request.title }}"
                """, null);
        assertThat(analysis.jobs()).singleElement().satisfies(j -> assertThat(j.mixes()).isTrue());
        assertThat(analysis.paths()).isEmpty();
    }

    @Test
    void theChecksThatGiveEvidenceAreRegistered() {
        assertThat(CheckRegistry.all(ScanConfig.defaults()).stream().map(c -> c.id()).toList())
                .containsAll(AttackPaths.EVIDENCE_CHECKS);
    }

    @Test
    void roleNamesMatchByArnOrLastPart() {
        assertThat(AttackPaths.sameRole("arn:aws:iam::1:role/ci/deploy", "deploy")).isTrue();
        assertThat(AttackPaths.sameRole("arn:aws:iam::1:role/deploy", "ARN:AWS:IAM::1:ROLE/DEPLOY")).isTrue();
        assertThat(AttackPaths.sameRole("${{ secrets.ROLE }}", "deploy")).isFalse();
    }

    /** Findings join their job by its id in their route, quoted there when it is not identifier-like. */
    @Test
    void jobIdsAreReadFromRoutesQuotedOrNot() {
        assertThat(AttackPaths.jobOf(dev.cimatrix.model.Location.line("w.yml", 3, "jobs.build.steps[2].run")))
                .contains("build");
        assertThat(AttackPaths.jobOf(dev.cimatrix.model.Location.line("w.yml", 3, "jobs[\"a.b[\\\"c\"].steps[2]")))
                .contains("a.b[\"c");
        assertThat(AttackPaths.jobOf(dev.cimatrix.model.Location.line("w.yml", 3, "jobs[\"\\u001b\"]")))
                .contains("\u001b");
        assertThat(AttackPaths.jobOf(dev.cimatrix.model.Location.line("w.yml", 3, "on.push"))).isEmpty();
    }

    /**
     * A Terraform role's attached policies say what it reaches: one that writes is named on the way into the account,
     * and a role whose policies all only read leads to no compute to take.
     */
    @Test
    void aTerraformRoleLeadsToComputeOnlyWhenItsPoliciesMayWrite(@TempDir Path root) throws Exception {
        String workflow = """
                on: push
                permissions:
                  id-token: write
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502
                        with:
                          role-to-assume: arn:aws:iam::111122223333:role/deploy
                """;
        String role = "role:arn:aws:iam::111122223333:role/deploy";
        Path admin = root.resolve("admin");
        Files.createDirectories(admin);
        Files.writeString(admin.resolve("iam.tf"), TerraformRoles.roleWithPolicy("deploy", "111122223333",
                "repo:acme/app:ref:refs/heads/main", "AdministratorAccess"));
        AttackGraph writes = analyse(admin, workflow, null).graph();
        assertThat(writes.node(role).orElseThrow().attribute("policies")).isEqualTo("AdministratorAccess");
        assertThat(writes.outgoing(role)).singleElement()
                .satisfies(m -> assertThat(m.because()).endsWith("with AdministratorAccess"));
        assertThat(writes.node("asset:compute:111122223333")).isPresent();

        Path reader = root.resolve("reader");
        Files.createDirectories(reader);
        Files.writeString(reader.resolve("iam.tf"), TerraformRoles.roleWithPolicy("deploy", "111122223333",
                "repo:acme/app:ref:refs/heads/main", "ReadOnlyAccess"));
        AttackGraph reads = analyse(reader, workflow, null).graph();
        assertThat(reads.node(role).orElseThrow().attribute("policies")).isEqualTo("ReadOnlyAccess");
        assertThat(reads.node("asset:compute:111122223333")).isEmpty();
    }
}
