package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.model.GitlabSettings.ProtectedBranch;

/** The protection of a GitLab project's default branch allows force pushes ({@code allow_force_push: true}). */
public final class GitlabBranchForcePushCheck extends SettingsCheck {
    public static final String ID = "gitlab-branch-force-push";

    public GitlabBranchForcePushCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        GitlabDefaultBranch branch = GitlabDefaultBranch.of(context);
        if (branch.protection().isEmpty()) {
            // An unprotected branch is gitlab-branch-protection's finding.
            return;
        }
        findings.met();
        ProtectedBranch protection = branch.protection().get();
        if (protection.allowForcePush() != null && protection.allowForcePush().value()) {
            findings.at(protection.allowForcePush().location())
                    .message("The protection of the default branch '" + branch.name() + "' allows force pushes: whoever "
                            + "may push to it can rewrite its history, taking reviewed commits away or slipping others in.")
                    .subject("force push " + branch.name()).report();
        }
    }
}
