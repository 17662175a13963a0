package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.model.SettingFlag;

/**
 * A GitLab project accepts the {@code CI_JOB_TOKEN} of every project's pipelines ({@code job_token_scope.inbound_enabled:
 * false}): a job of any project whose user can see this one reads its repository, packages and releases with that
 * token, so one compromised pipeline reaches every such project.
 */
public final class GitlabJobTokenScopeCheck extends SettingsCheck {
    public static final String ID = "gitlab-job-token-scope";

    public GitlabJobTokenScopeCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        SettingFlag inbound = context.settings().jobTokenInbound();
        if (inbound == null) {
            return;
        }
        findings.met();
        if (!inbound.value()) {
            findings.at(inbound.location())
                    .message("The project accepts the CI_JOB_TOKEN of any project's pipelines (inbound_enabled: false), "
                            + "not only of the projects on its allowlist: a compromised job elsewhere reads this "
                            + "project's code, packages and releases.")
                    .subject("job token inbound").report();
        }
    }
}
