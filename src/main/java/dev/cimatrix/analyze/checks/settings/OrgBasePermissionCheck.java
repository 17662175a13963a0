package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings.Organization;

/**
 * Every member of a GitHub organisation may push to, or administer, every repository
 * ({@code default_repository_permission: write} or {@code admin}): one member's stolen token reaches all of them, and
 * with them every workflow and secret that a push can start.
 */
public final class OrgBasePermissionCheck extends SettingsCheck {
    public static final String ID = "github-org-base-permission";

    public OrgBasePermissionCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        Organization organization = context.settings().organization();
        if (organization == null || organization.defaultRepositoryPermission() == null) {
            return;
        }
        findings.met();
        String permission = organization.defaultRepositoryPermission().value().strip();
        if (permission.equals("write") || permission.equals("admin")) {
            var finding = findings.at(organization.defaultRepositoryPermission().location())
                    .message("Every member of organisation " + OrgTwoFactorCheck.login(organization) + " may "
                            + (permission.equals("admin") ? "administer" : "push to") + " every repository "
                            + "(default_repository_permission: " + permission + "): one member's stolen token reaches "
                            + "all of them, with the workflows a push starts and the secrets they hold.")
                    .subject("base " + permission);
            if (permission.equals("admin")) {
                finding.severity(Severity.HIGH);
            }
            finding.report();
        }
    }
}
