package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.GitlabSettings.ProtectedBranch;

/**
 * A GitLab project's default branch takes pushes without a merge request: it is not protected at all (anyone with
 * the Developer role pushes, force-pushes and deletes it), or its protection lets Developers push.
 */
public final class GitlabBranchProtectionCheck extends SettingsCheck {
    public static final String ID = "gitlab-branch-protection";

    public GitlabBranchProtectionCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        GitlabSettings settings = context.settings();
        if (settings.protectedBranches() == null || settings.unknown().containsKey("protected_branches")) {
            return;
        }
        findings.met();
        GitlabDefaultBranch branch = GitlabDefaultBranch.of(context);
        if (branch.protection().isEmpty()) {
            findings.at(GitlabDefaultBranch.where(settings))
                    .message("The default branch '" + branch.name() + "' is not protected: anyone with the Developer "
                            + "role, or a token of one, pushes to it, force-pushes and deletes it without a merge request.")
                    .subject("unprotected " + branch.name()).report();
            return;
        }
        ProtectedBranch protection = branch.protection().get();
        if (protection.pushLevels().stream().anyMatch(level -> level > 0 && level <= GitlabSettings.DEVELOPER)) {
            findings.at(protection.pushLocation())
                    .message("Developers may push to the default branch '" + branch.name() + "' (push_access_levels "
                            + "includes Developers): changes land on it without a merge request or approval.")
                    .severity(Severity.MEDIUM).subject("developers push " + branch.name()).report();
        }
    }
}
