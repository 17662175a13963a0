package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.Organization;

/**
 * A GitHub organisation that does not require two-factor sign-in of its members
 * ({@code two_factor_requirement_enabled: false}): a phished or reused password is then a member's account, with its
 * pushes, its approvals and its access to every repository's workflows and secrets.
 */
public final class OrgTwoFactorCheck extends SettingsCheck {
    public static final String ID = "github-org-2fa";

    public OrgTwoFactorCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        Organization organization = context.settings().organization();
        if (organization == null || organization.twoFactorRequired() == null) {
            return;
        }
        findings.met();
        if (!organization.twoFactorRequired().value()) {
            findings.at(organization.twoFactorRequired().location())
                    .message("Organisation " + login(organization) + " does not require two-factor sign-in "
                            + "(two_factor_requirement_enabled: false): a phished or reused password is a member's "
                            + "account, with its pushes, approvals and access to workflows and secrets.")
                    .subject("2fa").report();
        }
    }

    static String login(Organization organization) {
        return organization.login() == null ? "(unnamed)" : organization.login().value();
    }
}
