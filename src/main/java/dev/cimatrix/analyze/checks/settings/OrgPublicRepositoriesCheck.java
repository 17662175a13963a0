package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.Organization;

/**
 * Every member of a GitHub organisation may create public repositories ({@code members_can_create_public_repositories:
 * true}): code, configuration and credentials copied into one are published to everyone, by a mistake or by a stolen
 * account, under the organisation's name.
 */
public final class OrgPublicRepositoriesCheck extends SettingsCheck {
    public static final String ID = "github-org-public-repos";

    public OrgPublicRepositoriesCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        Organization organization = context.settings().organization();
        if (organization == null || organization.membersCreatePublicRepositories() == null) {
            return;
        }
        findings.met();
        if (organization.membersCreatePublicRepositories().value()) {
            findings.at(organization.membersCreatePublicRepositories().location())
                    .message("Every member of organisation " + OrgTwoFactorCheck.login(organization) + " may create "
                            + "public repositories (members_can_create_public_repositories: true): code, pipeline "
                            + "configuration and credentials copied into one are published to everyone, by a mistake "
                            + "or a stolen account, under the organisation's name.")
                    .subject("public repositories").report();
        }
    }
}
