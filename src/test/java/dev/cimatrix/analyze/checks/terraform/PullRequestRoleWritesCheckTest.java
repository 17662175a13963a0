package dev.cimatrix.analyze.checks.terraform;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.terraform.TerraformRoles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PullRequestRoleWritesCheckTest {
    private static AnalysisResult analyse(Path dir, String subject, String policy) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("iam.tf"), TerraformRoles.roleWithPolicy("ci", "111122223333", subject, policy));
        return new Analyzer(Catalog.builtin(), List.of(new PullRequestRoleWritesCheck()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(new Discovery().discover(dir, List.of(dir), null));
    }

    /** Its silence verifies the control only where some role is open to pull-request runs. */
    @Test
    void judgesOnlyRolesThatPullRequestRunsCanAssume(@TempDir Path root) throws Exception {
        AnalysisResult branch = analyse(root.resolve("branch"), "repo:acme/app:ref:refs/heads/main", "AdministratorAccess");
        assertThat(branch.findings()).isEmpty();
        assertThat(branch.idleChecks()).containsExactly(PullRequestRoleWritesCheck.ID);

        AnalysisResult reads = analyse(root.resolve("reads"), "repo:acme/app:pull_request", "ReadOnlyAccess");
        assertThat(reads.findings()).isEmpty();
        assertThat(reads.idleChecks()).isEmpty();

        // An inline policy beside it is not read, so the role's reach is not known and its silence verifies nothing.
        Path inline = root.resolve("inline");
        Files.createDirectories(inline);
        Files.writeString(inline.resolve("inline.tf"), "resource \"aws_iam_role_policy\" \"extra\" {\n"
                + "  role   = aws_iam_role.ci.id\n  policy = \"{}\"\n}\n");
        AnalysisResult unread = analyse(inline, "repo:acme/app:pull_request", "ReadOnlyAccess");
        assertThat(unread.findings()).isEmpty();
        assertThat(unread.idleChecks()).containsExactly(PullRequestRoleWritesCheck.ID);

        AnalysisResult writes = analyse(root.resolve("writes"), "repo:acme/app:pull_request", "AdministratorAccess");
        assertThat(writes.findings()).singleElement().satisfies(f -> {
            assertThat(f.location().path()).isEqualTo("iam.tf");
            assertThat(f.location().startLine()).isEqualTo(13);
            assertThat(f.message()).contains("AdministratorAccess").contains("repo:acme/app:pull_request");
        });
    }
}
