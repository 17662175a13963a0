package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.terraform.TerraformRoles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IacPlanCredentialsCheckTest {
    private static final String PLAN_WITH_ROLE = """
            on: %s
            permissions:
              id-token: write
            jobs:
              plan:
                runs-on: ubuntu-latest
                steps:
                  - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502
                    with:
                      role-to-assume: arn:aws:iam::123456789012:role/deploy
                  - run: %s
            """;

    private static AnalysisResult analyse(Path root, String workflow) throws Exception {
        var inventory = WorkflowFiles.read(root, "", Map.of("infra.yml", workflow));
        return new Analyzer(Catalog.builtin(), List.of(new IacPlanCredentialsCheck()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(inventory);
    }

    /**
     * A clean result counts as evidence for the control only where the check met a plan: a repository without any
     * says nothing of how its infrastructure would be planned, so the check is idle there, as a Dependabot check is
     * in a repository without Dependabot.
     */
    @Test
    void isIdleWhereNoWorkflowPlansInfrastructure(@TempDir Path root) throws Exception {
        AnalysisResult none = analyse(root.resolve("none"), PLAN_WITH_ROLE.formatted("pull_request", "make test"));
        assertThat(none.findings()).isEmpty();
        assertThat(none.idleChecks()).containsExactly(IacPlanCredentialsCheck.ID);

        // Plans that run only for pushes were met and judged: the silence is evidence.
        AnalysisResult pushes = analyse(root.resolve("push"), PLAN_WITH_ROLE.formatted("push", "terraform plan"));
        assertThat(pushes.findings()).isEmpty();
        assertThat(pushes.idleChecks()).isEmpty();

        AnalysisResult pullRequests = analyse(root.resolve("pr"), PLAN_WITH_ROLE.formatted("pull_request", "terraform plan"));
        assertThat(pullRequests.findings()).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo(IacPlanCredentialsCheck.ID);
            assertThat(f.message()).contains("runs terraform plan for pull requests")
                    .contains("cloud role 'arn:aws:iam::123456789012:role/deploy'");
        });
        assertThat(pullRequests.idleChecks()).isEmpty();
    }

    /** A reusable workflow runs for pull requests when a caller does. */
    @Test
    void aReusableWorkflowPlansForItsCallersPullRequests(@TempDir Path root) throws Exception {
        String called = PLAN_WITH_ROLE.formatted("workflow_call", "terraform plan");
        String caller = """
                on: pull_request
                permissions:
                  id-token: write
                jobs:
                  infra:
                    uses: ./.github/workflows/plan.yml
                """;
        var inventory = WorkflowFiles.read(root, "", Map.of("plan.yml", called, "ci.yml", caller));
        assertThat(WorkflowFiles.check(inventory, new IacPlanCredentialsCheck()))
                .singleElement().satisfies(f -> assertThat(f.location().path()).endsWith("plan.yml"));
        var pushOnly = WorkflowFiles.read(root.resolve("push"), "", Map.of("plan.yml", called,
                "ci.yml", caller.replace("on: pull_request", "on: push")));
        assertThat(WorkflowFiles.check(pushOnly, new IacPlanCredentialsCheck())).isEmpty();
    }

    /**
     * The scanned Terraform says what the assumed role may do: a policy that writes makes the finding sure and names
     * it; policies that all read make it low; a role the Terraform does not define leaves it as it was.
     */
    @Test
    void readsWhatTheAssumedRoleMayDoFromTheScannedTerraform(@TempDir Path root) throws Exception {
        String workflow = PLAN_WITH_ROLE.formatted("pull_request", "terraform plan");
        for (var policy : Map.of("AdministratorAccess", Confidence.HIGH, "ReadOnlyAccess", Confidence.LOW).entrySet()) {
            Path dir = root.resolve(policy.getKey());
            WorkflowFiles.read(dir, "", Map.of("infra.yml", workflow));
            Files.writeString(dir.resolve("iam.tf"), TerraformRoles.roleWithPolicy("deploy", "123456789012",
                    "repo:acme/app:pull_request", policy.getKey()));
            var inventory = new Discovery().discover(dir, List.of(dir), null);
            assertThat(WorkflowFiles.check(inventory, new IacPlanCredentialsCheck())).singleElement().satisfies(f -> {
                assertThat(f.confidence()).as(policy.getKey()).isEqualTo(policy.getValue());
                if (policy.getValue() == Confidence.HIGH) {
                    assertThat(f.message()).contains("(which has AdministratorAccess attached in iam.tf)");
                    assertThat(f.related()).anySatisfy(r -> assertThat(r.location().path()).isEqualTo("iam.tf"));
                }
            });
        }
    }
}
